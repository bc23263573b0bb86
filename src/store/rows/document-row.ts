import type { DocumentRecord } from '../../domain/types.js';

/** A document as both adapters read it: its row with the size and type of its current version, if it has one yet. */
export interface DocumentRow {
  id: string;
  path: string;
  name: string;
  folder: string;
  current_version: number;
  created_at: number;
  created_by: string;
  deleted_at: number | null;
  size: number | null;
  content_type: string | null;
}

export const toDocument = (r: DocumentRow): DocumentRecord => ({
  id: r.id,
  path: r.path,
  name: r.name,
  folder: r.folder,
  currentVersion: r.current_version,
  createdAt: r.created_at,
  createdBy: r.created_by,
  deletedAt: r.deleted_at,
  size: r.size ?? 0,
  contentType: r.content_type ?? 'application/octet-stream',
});
