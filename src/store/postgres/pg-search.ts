import { messageId } from '../../core/ids.js';
import { searchSnippet } from '../../domain/search-snippet.js';
import { searchTerms, searchWords, type SearchTerm } from '../../domain/search-words.js';
import type { SearchHit, SearchStore } from '../store.js';
import { rows, unstorable, type PgDb, type Queryable } from './pg-db.js';
import type { TableNames } from './pg-store.js';

/** Messages read and indexed per statement while catching up, so a long backlog never sits in memory at once. */
const PAGE = 500;

/** PostgreSQL ignores longer words in a tsvector (with a notice) and in a tsquery, which would drop a query word. */
const MAX_WORD_BYTES = 2046;

/**
 * A tsvector holds at most 1 MiB of words and positions, and a bigger one is an error. Each distinct
 * word costs its bytes plus a few for its position list, each repeat two more (at most 256 are kept):
 * counted generously, the words past this budget are left out of the index.
 */
const VECTOR_BUDGET = 800_000;

/** No query the hub builds is bigger (16 words of at most 200 characters); a bigger one finds nothing. */
const MAX_QUERY_WORDS = 256;

interface MessageText {
  seq: number;
  title: string;
  body: string;
}

/**
 * Full-text search on PostgreSQL's tsvector with the 'simple' configuration: the hub folds words
 * (lower case, no diacritics) before they reach the database, so no extension is needed, and
 * snippets are cut from the original text. Messages through an index that follows the log,
 * documents by path and text.
 */
export class PgSearch implements SearchStore {
  constructor(
    private readonly db: PgDb,
    private readonly s: TableNames,
  ) {}

  /**
   * Nodes share the index: the progress row stays locked from reading `upto` to advancing it, so a
   * second catchUp waits and then starts where this one ended. Positions commit in order (see
   * PgMessages), so reading past `upto` never skips one that commits later.
   */
  async catchUp(limit: number): Promise<boolean> {
    const wanted = count(limit);
    return this.db.transaction(async (tx) => {
      const [progress] = await rows<{ upto: number }>(tx, `SELECT upto FROM ${this.s('search_progress')} WHERE name = 'messages' FOR UPDATE`);
      let upto = progress?.upto ?? 0;
      let indexed = 0;
      while (indexed < wanted) {
        const page = await rows<MessageText>(tx, `SELECT seq, title, body FROM ${this.s('messages')} WHERE seq > $1 ORDER BY seq LIMIT $2`, [
          upto,
          Math.min(PAGE, wanted - indexed),
        ]);
        if (page.length === 0) break;
        await this.indexMessages(tx, page);
        indexed += page.length;
        upto = page.at(-1)!.seq;
      }
      if (indexed > 0) await tx.query(`UPDATE ${this.s('search_progress')} SET upto = $1 WHERE name = 'messages'`, [upto]);
      return indexed < wanted || !(await this.anyAfter(tx, upto));
    });
  }

  async indexDocument(id: string, path: string, text: string | null): Promise<void> {
    if (unstorable(id)) return;
    const body = withoutNul(text ?? '');
    await this.db.query(
      `INSERT INTO ${this.s('document_search')} (document_id, path, body, words) VALUES ($1, $2, $3, to_tsvector('simple', $4))
       ON CONFLICT (document_id) DO UPDATE SET path = excluded.path, body = excluded.body, words = excluded.words`,
      [id, withoutNul(path), body, indexedWords([path, body])],
    );
  }

  async dropDocument(id: string): Promise<void> {
    if (unstorable(id)) return;
    await this.db.query(`DELETE FROM ${this.s('document_search')} WHERE document_id = $1`, [id]);
  }

  async messages(match: string, limit: number): Promise<SearchHit[]> {
    const terms = searchTerms(match);
    const query = tsquery(terms);
    if (!query || count(limit) === 0) return [];
    const found = await this.db.query<MessageText>(
      `SELECT m.seq, m.title, m.body FROM ${this.s('message_search')} f JOIN ${this.s('messages')} m ON m.seq = f.seq,
         to_tsquery('simple', $1) q
       WHERE f.words @@ q ORDER BY ts_rank(f.words, q, 1) DESC, f.seq DESC LIMIT $2`,
      [query, count(limit)],
    );
    return found.map((m) => ({ id: messageId(m.seq), snippet: searchSnippet([m.title, m.body], terms) }));
  }

  async documents(match: string, limit: number): Promise<SearchHit[]> {
    const terms = searchTerms(match);
    const query = tsquery(terms);
    if (!query || count(limit) === 0) return [];
    const found = await this.db.query<{ id: string; path: string; body: string }>(
      `SELECT f.document_id AS id, f.path, f.body FROM ${this.s('document_search')} f, to_tsquery('simple', $1) q
       WHERE f.words @@ q ORDER BY ts_rank(f.words, q, 1) DESC, f.document_id LIMIT $2`,
      [query, count(limit)],
    );
    return found.map((d) => ({ id: d.id, snippet: searchSnippet([d.path, d.body], terms) }));
  }

  private async indexMessages(tx: Queryable, page: MessageText[]): Promise<void> {
    await tx.query(
      `INSERT INTO ${this.s('message_search')} (seq, words)
       SELECT seq, to_tsvector('simple', words) FROM unnest($1::bigint[], $2::text[]) AS m (seq, words)`,
      [page.map((m) => m.seq), page.map((m) => indexedWords([m.title, m.body]))],
    );
  }

  private async anyAfter(tx: Queryable, upto: number): Promise<boolean> {
    const [next] = await rows(tx, `SELECT 1 FROM ${this.s('messages')} WHERE seq > $1 LIMIT 1`, [upto]);
    return next !== undefined;
  }
}

/** A limit as a row count: fractions round down, anything not a positive number is none. */
const count = (limit: number): number => (limit > 0 ? Math.min(Math.floor(limit), Number.MAX_SAFE_INTEGER) : 0);

/** PostgreSQL text cannot hold NUL. */
const withoutNul = (text: string): string => text.replaceAll('\u0000', ' ');

/** The folded words of some texts, one after another, as many as a tsvector holds. */
function indexedWords(texts: string[]): string {
  const seen = new Map<string, number>();
  const kept: string[] = [];
  let cost = 0;
  for (const word of texts.flatMap(searchWords)) {
    const bytes = Buffer.byteLength(word);
    if (bytes > MAX_WORD_BYTES) continue;
    const times = seen.get(word) ?? 0;
    cost += times === 0 ? bytes + 8 : times < 256 ? 2 : 0;
    if (cost > VECTOR_BUDGET) break;
    seen.set(word, times + 1);
    kept.push(word);
  }
  return kept.join(' ');
}

/**
 * The terms as to_tsquery text, built only from folded words (letters and digits), each quoted:
 * every term must match (&), a term of several words is a phrase (<->), a prefix term ends in :*.
 * Undefined when the query can match nothing.
 */
function tsquery(terms: SearchTerm[]): string | undefined {
  const words = terms.flatMap((term) => term.words);
  if (words.length === 0 || words.length > MAX_QUERY_WORDS) return undefined;
  if (words.some((word) => Buffer.byteLength(word) > MAX_WORD_BYTES)) return undefined;
  const phrase = (term: SearchTerm) => term.words.map((word, i) => quoted(word) + (term.prefix && i === term.words.length - 1 ? ':*' : '')).join(' <-> ');
  return terms.map((term) => `(${phrase(term)})`).join(' & ');
}

const quoted = (word: string): string => `'${word.replaceAll('\\', '\\\\').replaceAll("'", "''")}'`;
