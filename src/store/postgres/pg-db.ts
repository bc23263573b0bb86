import pg from 'pg';
import { invalidInput, notFound } from '../../core/errors.js';

/** Rows come back with bigint columns as numbers: positions and millisecond times stay far below 2^53. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === pg.types.builtins.INT8) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export type Queryable = Pick<pg.PoolClient, 'query'>;

/** A database as the adapters use it: statements on the pool, or several in one transaction. */
export class PgDb {
  readonly pool: pg.Pool;

  constructor(url: string, max = 10) {
    this.pool = new pg.Pool({ connectionString: url, max, types, application_name: 'baton' });
    // An idle connection the server drops (a restart, a failover) is discarded; the next query gets a new one.
    this.pool.on('error', () => {});
  }

  async query<Row extends object>(text: string, values: unknown[] = []): Promise<Row[]> {
    try {
      return (await this.pool.query<Row>(text, values)).rows;
    } catch (error) {
      throw asInputError(error);
    }
  }

  /** Runs fn in one READ COMMITTED transaction on one connection; rolls back if it throws. */
  async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await fn(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw asInputError(error);
    } finally {
      client.release();
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}

export async function rows<Row extends object>(db: Queryable, text: string, values: unknown[] = []): Promise<Row[]> {
  return (await db.query<Row>(text, values)).rows;
}

/** A schema or table name as SQL: quoted, so any name the hub allows is one identifier. */
export function ident(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * PostgreSQL text cannot hold NUL, so no stored key has one: a lookup by such a key finds nothing
 * rather than failing.
 */
export const unstorable = (text: string): boolean => text.includes('\u0000');

/** The unique-violation code, for inserts that report "taken" rather than fail. */
export const UNIQUE_VIOLATION = '23505';

export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === UNIQUE_VIOLATION;
}

/**
 * Errors that are the request's, not the hub's. Text PostgreSQL cannot hold (NUL) that reached a
 * statement by a way the hub's own checks do not cover (a path, a header). And a workspace another
 * node removed while this one still served a request of it: its schema is gone.
 */
function asInputError(error: unknown): unknown {
  const code = (error as { code?: string } | null)?.code;
  if (code === '22021' || code === '22P05') return invalidInput('input', 'must not contain the NUL character (U+0000) or text PostgreSQL cannot store');
  if (code === '3F000' || code === '42P01') return notFound('workspace: it was removed');
  return error;
}

/** Statement values in order: `add` gives the placeholder of the value it keeps. */
export class Values {
  readonly list: unknown[] = [];
  add(value: unknown): string {
    this.list.push(value);
    return `$${this.list.length}`;
  }
}

/**
 * A log read by position (`position > cursor`) is safe with several writers only if positions become
 * visible in order. PostgreSQL draws identity values at insert, not at commit, so every append to
 * such a log first takes the log's lock, transaction-scoped: it is held until commit, and the next
 * writer draws its position only after this one is visible. Each log has its own key.
 */
export const logLockKey = (schema: string, table: string): string => `${schema}.${table}`;

/** The statement that takes a log's lock, its key passed as the placeholder `keyParam`. */
export const takeLogLock = (keyParam: string): string => `SELECT pg_advisory_xact_lock(hashtextextended(${keyParam}, 0))`;
