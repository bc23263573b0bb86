import { folderOf, nameOf } from '../../domain/document-paths.js';
import type { DocumentRecord, DocumentVersion } from '../../domain/types.js';
import { toDocument, type DocumentRow } from '../rows/document-row.js';
import { toVersion, type VersionRow } from '../rows/version-row.js';
import type { DocumentStore, NewVersion, VersionResult } from '../store.js';
import { isUniqueViolation, rows, type PgDb, type Queryable } from './pg-db.js';
import type { TableNames } from './pg-store.js';

/**
 * Everything below a folder, as a range of the byte ordering (paths are COLLATE "C"): '0' follows
 * '/', so [f/, f0) holds exactly the paths that start with 'f/'. Exact, unlike LIKE, and it uses the index.
 */
const below = (folder: string): [string, string] => [`${folder}/`, `${folder}0`];

/** SQLite takes a negative limit as none; so does LIMIT NULL. */
const limitOf = (limit: number): number | null => (limit < 0 ? null : limit);

/**
 * Documents of one workspace. Several nodes may write the same path at once: a live document's row
 * is locked (FOR UPDATE) while its next version is added, and the unique index on live paths
 * decides which of two writers creates a new path.
 */
export class PgDocuments implements DocumentStore {
  private readonly docSelect: string;
  private readonly versionSelect: string;

  constructor(
    private readonly db: PgDb,
    private readonly s: TableNames,
  ) {
    this.docSelect = `SELECT d.*, v.size, v.content_type FROM ${s('documents')} d
      LEFT JOIN ${s('document_versions')} v ON v.document_id = d.id AND v.version = d.current_version`;
    this.versionSelect = `SELECT v.*, a.name AS author_name FROM ${s('document_versions')} v JOIN ${s('sessions')} a ON a.id = v.author_id`;
  }

  async addVersion(input: NewVersion): Promise<VersionResult> {
    return this.db.transaction(async (tx) => {
      for (;;) {
        const [live] = await rows<{ id: string; current_version: number }>(
          tx,
          `SELECT id, current_version FROM ${this.s('documents')} WHERE path = $1 AND deleted_at IS NULL FOR UPDATE`,
          [input.path],
        );
        if (input.ifMatch !== undefined && (live?.current_version ?? 0) !== input.ifMatch) {
          return { ok: false, current: live && (await this.versionIn(tx, live.id, live.current_version)) };
        }
        if (live) return this.addNext(tx, live.id, live.current_version + 1, input);
        // Another writer may create the path first: then this one adds to (or is refused by) theirs.
        if (await this.create(tx, input)) return this.addNext(tx, input.newId, 1, input);
      }
    });
  }

  /** Creates the document at its path, unless a live one committed there first. */
  private async create(tx: Queryable, input: NewVersion): Promise<boolean> {
    const created = await rows(
      tx,
      `INSERT INTO ${this.s('documents')} (id, path, name, folder, current_version, created_at, created_by)
       VALUES ($1, $2, $3, $4, 0, $5, $6) ON CONFLICT (path) WHERE deleted_at IS NULL DO NOTHING RETURNING id`,
      [input.newId, input.path, nameOf(input.path), folderOf(input.path), input.createdAt, input.authorId],
    );
    return created.length === 1;
  }

  private async addNext(tx: Queryable, id: string, next: number, input: NewVersion): Promise<VersionResult> {
    await tx.query(
      `INSERT INTO ${this.s('document_versions')} (document_id, version, size, sha256, content_type, author_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, next, input.size, input.sha256, input.contentType, input.authorId, input.createdAt],
    );
    await tx.query(`UPDATE ${this.s('documents')} SET current_version = $1 WHERE id = $2`, [next, id]);
    const [document] = await rows<DocumentRow>(tx, `${this.docSelect} WHERE d.id = $1`, [id]);
    return { ok: true, document: toDocument(document!), version: (await this.versionIn(tx, id, next))! };
  }

  private async versionIn(tx: Queryable, id: string, version: number): Promise<DocumentVersion | undefined> {
    const [row] = await rows<VersionRow>(tx, `${this.versionSelect} WHERE v.document_id = $1 AND v.version = $2`, [id, version]);
    return row && toVersion(row);
  }

  async byId(id: string, includeDeleted = false): Promise<DocumentRecord | undefined> {
    const [row] = await this.db.query<DocumentRow>(`${this.docSelect} WHERE d.id = $1`, [id]);
    return row && (includeDeleted || row.deleted_at === null) ? toDocument(row) : undefined;
  }

  async byPath(path: string): Promise<DocumentRecord | undefined> {
    const [row] = await this.db.query<DocumentRow>(`${this.docSelect} WHERE d.path = $1 AND d.deleted_at IS NULL`, [path]);
    return row && toDocument(row);
  }

  async inFolder(folder: string, recursive: boolean, limit: number): Promise<DocumentRecord[]> {
    const live = `${this.docSelect} WHERE d.deleted_at IS NULL`;
    const found = !recursive
      ? this.db.query<DocumentRow>(`${live} AND d.folder = $1 ORDER BY d.path LIMIT $2`, [folder, limitOf(limit)])
      : folder
        ? this.db.query<DocumentRow>(`${live} AND d.path >= $1 AND d.path < $2 ORDER BY d.path LIMIT $3`, [...below(folder), limitOf(limit)])
        : this.db.query<DocumentRow>(`${live} ORDER BY d.path LIMIT $1`, [limitOf(limit)]);
    return (await found).map(toDocument);
  }

  async foldersBelow(folder: string): Promise<string[]> {
    const live = `SELECT DISTINCT folder FROM ${this.s('documents')} WHERE deleted_at IS NULL`;
    const found = folder
      ? this.db.query<{ folder: string }>(`${live} AND folder >= $1 AND folder < $2`, below(folder))
      : this.db.query<{ folder: string }>(`${live} AND folder <> ''`);
    return (await found).map((r) => r.folder);
  }

  async versions(id: string): Promise<DocumentVersion[]> {
    return (await this.db.query<VersionRow>(`${this.versionSelect} WHERE v.document_id = $1 ORDER BY v.version`, [id])).map(toVersion);
  }

  async version(id: string, version: number): Promise<DocumentVersion | undefined> {
    return this.versionIn(this.db.pool, id, version);
  }

  /** One statement: the unique index on live paths refuses a taken target, even one taken a moment ago. */
  async move(id: string, path: string): Promise<boolean> {
    try {
      const moved = await this.db.query(
        `UPDATE ${this.s('documents')} SET path = $1, name = $2, folder = $3
         WHERE id = $4 AND deleted_at IS NULL AND path <> $1 RETURNING id`,
        [path, nameOf(path), folderOf(path), id],
      );
      return moved.length === 1;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async softDelete(id: string, by: string, at: number): Promise<void> {
    await this.db.query(`UPDATE ${this.s('documents')} SET deleted_at = $1, deleted_by = $2 WHERE id = $3 AND deleted_at IS NULL`, [at, by, id]);
  }

  /** True for a live document too; false when it is unknown or a live document holds its path. */
  async restore(id: string): Promise<boolean> {
    try {
      const restored = await this.db.query(`UPDATE ${this.s('documents')} SET deleted_at = NULL, deleted_by = NULL WHERE id = $1 RETURNING id`, [id]);
      return restored.length === 1;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async blobInUse(sha256: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM ${this.s('document_versions')} WHERE sha256 = $1 LIMIT 1`, [sha256])).length === 1;
  }
}
