import type { DocumentVersion } from '../../domain/types.js';

/** A document version as both adapters read it: its row with its author's name. */
export interface VersionRow {
  document_id: string;
  version: number;
  size: number;
  sha256: string;
  content_type: string;
  author_id: string;
  author_name: string;
  created_at: number;
}

export const toVersion = (r: VersionRow): DocumentVersion => ({
  documentId: r.document_id,
  version: r.version,
  size: r.size,
  sha256: r.sha256,
  contentType: r.content_type,
  authorId: r.author_id,
  authorName: r.author_name,
  createdAt: r.created_at,
});
