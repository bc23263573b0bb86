import type Database from 'better-sqlite3';
import { folderOf, nameOf } from '../../domain/document-paths.js';
import type { DocumentRecord, DocumentVersion } from '../../domain/types.js';
import { toDocument, type DocumentRow } from '../rows/document-row.js';
import { toVersion, type VersionRow } from '../rows/version-row.js';
import type { DocumentStore, NewVersion, VersionResult } from '../store.js';

const DOC_SELECT = `SELECT d.*, v.size, v.content_type FROM documents d
  LEFT JOIN document_versions v ON v.document_id = d.id AND v.version = d.current_version`;

const VERSION_SELECT = `SELECT v.*, s.name AS author_name FROM document_versions v JOIN sessions s ON s.id = v.author_id`;

/**
 * Everything below a folder, as a range of the text ordering: '0' follows '/', so [f/, f0) holds
 * exactly the paths that start with 'f/'. Exact and case-sensitive, unlike LIKE, and it uses the index.
 */
const below = (folder: string): [string, string] => [`${folder}/`, `${folder}0`];

export class SqliteDocuments implements DocumentStore {
  private readonly stmts;
  private readonly addVersionTx;

  constructor(private readonly db: Database.Database) {
    this.stmts = {
      byId: db.prepare<[string], DocumentRow>(`${DOC_SELECT} WHERE d.id = ?`),
      byPath: db.prepare<[string], DocumentRow>(`${DOC_SELECT} WHERE d.path = ? AND d.deleted_at IS NULL`),
      insertDoc: db.prepare(
        `INSERT INTO documents (id, path, name, folder, current_version, created_at, created_by)
         VALUES (?, ?, ?, ?, 0, ?, ?)`,
      ),
      bump: db.prepare('UPDATE documents SET current_version = ? WHERE id = ?'),
      insertVersion: db.prepare(
        `INSERT INTO document_versions (document_id, version, size, sha256, content_type, author_id, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      version: db.prepare<[string, number], VersionRow>(`${VERSION_SELECT} WHERE v.document_id = ? AND v.version = ?`),
      versions: db.prepare<[string], VersionRow>(`${VERSION_SELECT} WHERE v.document_id = ? ORDER BY v.version`),
      inFolder: db.prepare<[string, number], DocumentRow>(
        `${DOC_SELECT} WHERE d.folder = ? AND d.deleted_at IS NULL ORDER BY d.path LIMIT ?`,
      ),
      below: db.prepare<[string, string, number], DocumentRow>(
        `${DOC_SELECT} WHERE d.path >= ? AND d.path < ? AND d.deleted_at IS NULL ORDER BY d.path LIMIT ?`,
      ),
      all: db.prepare<[number], DocumentRow>(`${DOC_SELECT} WHERE d.deleted_at IS NULL ORDER BY d.path LIMIT ?`),
      foldersBelow: db.prepare<[string, string], string>(
        `SELECT DISTINCT folder FROM documents WHERE folder >= ? AND folder < ? AND deleted_at IS NULL`,
      ).pluck(),
      foldersAll: db.prepare<[], string>(
        `SELECT DISTINCT folder FROM documents WHERE folder <> '' AND deleted_at IS NULL`,
      ).pluck(),
      pathTaken: db.prepare<[string], number>('SELECT 1 FROM documents WHERE path = ? AND deleted_at IS NULL').pluck(),
      rawById: db.prepare<[string], { path: string; deleted_at: number | null }>('SELECT path, deleted_at FROM documents WHERE id = ?'),
      move: db.prepare('UPDATE documents SET path = ?, name = ?, folder = ? WHERE id = ? AND deleted_at IS NULL'),
      softDelete: db.prepare(
        'UPDATE documents SET deleted_at = ?, deleted_by = ? WHERE id = ? AND deleted_at IS NULL',
      ),
      restore: db.prepare('UPDATE documents SET deleted_at = NULL, deleted_by = NULL WHERE id = ?'),
      blobUsed: db.prepare<[string], number>('SELECT 1 FROM document_versions WHERE sha256 = ? LIMIT 1').pluck(),
    };
    this.addVersionTx = db.transaction((input: NewVersion): VersionResult => this.addVersionNow(input));
  }

  async addVersion(input: NewVersion): Promise<VersionResult> {
    return this.addVersionTx.immediate(input);
  }

  private addVersionNow(input: NewVersion): VersionResult {
    const s = this.stmts;
    const existing = s.byPath.get(input.path);
    const current = existing ? s.version.get(existing.id, existing.current_version) : undefined;
    if (input.ifMatch !== undefined && (current?.version ?? 0) !== input.ifMatch) {
      return { ok: false, current: current && toVersion(current) };
    }
    const id = existing?.id ?? input.newId;
    if (!existing) {
      s.insertDoc.run(id, input.path, nameOf(input.path), folderOf(input.path), input.createdAt, input.authorId);
    }
    const next = (existing?.current_version ?? 0) + 1;
    s.insertVersion.run(id, next, input.size, input.sha256, input.contentType, input.authorId, input.createdAt);
    s.bump.run(next, id);
    return { ok: true, document: toDocument(s.byId.get(id)!), version: toVersion(s.version.get(id, next)!) };
  }

  async byId(id: string, includeDeleted = false): Promise<DocumentRecord | undefined> {
    const row = this.stmts.byId.get(id);
    return row && (includeDeleted || row.deleted_at === null) ? toDocument(row) : undefined;
  }

  async byPath(path: string): Promise<DocumentRecord | undefined> {
    const row = this.stmts.byPath.get(path);
    return row && toDocument(row);
  }

  async inFolder(folder: string, recursive: boolean, limit: number): Promise<DocumentRecord[]> {
    const s = this.stmts;
    if (!recursive) return s.inFolder.all(folder, limit).map(toDocument);
    const rows = folder ? s.below.all(...below(folder), limit) : s.all.all(limit);
    return rows.map(toDocument);
  }

  async foldersBelow(folder: string): Promise<string[]> {
    return folder ? this.stmts.foldersBelow.all(...below(folder)) : this.stmts.foldersAll.all();
  }

  async versions(id: string): Promise<DocumentVersion[]> {
    return this.stmts.versions.all(id).map(toVersion);
  }

  async version(id: string, version: number): Promise<DocumentVersion | undefined> {
    const row = this.stmts.version.get(id, version);
    return row && toVersion(row);
  }

  async move(id: string, path: string): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.stmts.pathTaken.get(path)) return false;
      return this.stmts.move.run(path, nameOf(path), folderOf(path), id).changes === 1;
    }).immediate();
  }

  async softDelete(id: string, by: string, at: number): Promise<void> {
    this.stmts.softDelete.run(at, by, id);
  }

  async restore(id: string): Promise<boolean> {
    return this.db.transaction(() => {
      const row = this.stmts.rawById.get(id);
      if (!row || row.deleted_at === null) return row !== undefined;
      if (this.stmts.pathTaken.get(row.path)) return false;
      return this.stmts.restore.run(id).changes === 1;
    }).immediate();
  }

  async blobInUse(sha256: string): Promise<boolean> {
    return this.stmts.blobUsed.get(sha256) === 1;
  }
}
