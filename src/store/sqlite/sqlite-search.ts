import type Database from 'better-sqlite3';
import { messageId } from '../../core/ids.js';
import type { SearchHit, SearchStore } from '../store.js';

/** Marks around the matched words in a snippet, and how many words a snippet holds. */
const SNIPPET = "'«', '»', '…', 16";

/** Full-text search with FTS5: messages through an external-content index that follows the log, documents by path and text. */
export class SqliteSearch implements SearchStore {
  private readonly catchUpTx;
  private readonly upsertDoc;
  private readonly dropDoc;
  private readonly messageHits;
  private readonly documentHits;

  constructor(db: Database.Database) {
    const upto = db.prepare<[], number>("SELECT upto FROM search_progress WHERE name = 'messages'").pluck();
    const index = db.prepare<[number, number]>('INSERT INTO messages_fts (rowid, title, body) SELECT seq, title, body FROM messages WHERE seq > ? ORDER BY seq LIMIT ?');
    const last = db.prepare<[number, number], number>('SELECT max(seq) FROM (SELECT seq FROM messages WHERE seq > ? ORDER BY seq LIMIT ?)').pluck();
    const advance = db.prepare("UPDATE search_progress SET upto = ? WHERE name = 'messages'");
    // Read and advanced under the write lock: two hubs on one file never index a message twice.
    this.catchUpTx = db.transaction((limit: number): boolean => {
      const from = upto.get()!;
      const to = last.get(from, limit);
      if (to === null || to === undefined) return true;
      const added = index.run(from, limit).changes;
      advance.run(to);
      return added < limit;
    });
    const drop = db.prepare('DELETE FROM documents_fts WHERE document_id = ?');
    const insert = db.prepare('INSERT INTO documents_fts (document_id, path, body) VALUES (?, ?, ?)');
    this.upsertDoc = db.transaction((id: string, path: string, text: string) => {
      drop.run(id);
      insert.run(id, path, text);
    });
    this.dropDoc = drop;
    this.messageHits = db.prepare<[string, number], { seq: number; snippet: string }>(
      `SELECT rowid AS seq, snippet(messages_fts, -1, ${SNIPPET}) AS snippet FROM messages_fts WHERE messages_fts MATCH ? ORDER BY rank, rowid DESC LIMIT ?`,
    );
    this.documentHits = db.prepare<[string, number], { id: string; snippet: string }>(
      `SELECT document_id AS id, snippet(documents_fts, -1, ${SNIPPET}) AS snippet FROM documents_fts WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?`,
    );
  }

  async catchUp(limit: number): Promise<boolean> {
    return this.catchUpTx.immediate(limit);
  }

  async indexDocument(id: string, path: string, text: string | null): Promise<void> {
    this.upsertDoc(id, path, text ?? '');
  }

  async dropDocument(id: string): Promise<void> {
    this.dropDoc.run(id);
  }

  async messages(match: string, limit: number): Promise<SearchHit[]> {
    return this.messageHits.all(match, limit).map((r) => ({ id: messageId(r.seq), snippet: r.snippet }));
  }

  async documents(match: string, limit: number): Promise<SearchHit[]> {
    return this.documentHits.all(match, limit);
  }
}
