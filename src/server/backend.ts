import type { Log } from './log.js';
import { pgBackend } from './pg-backend.js';
import { sqliteBackend } from './sqlite-backend.js';
import type { Backend } from './workspace-storage.js';

export interface BackendChoice {
  dataDir: string;
  /** A postgres:// URL, or nothing for the embedded SQLite files. */
  store?: string | undefined;
  node: string;
  log: Log;
}

/** Connections a node keeps to PostgreSQL unless the URL's `pool` says otherwise. */
const DEFAULT_POOL = 10;

/** The store named cannot be used: a bad URL, or a database that does not answer. */
export class StoreUnusable extends Error {}

/** Opens where the hub keeps everything: the data dir's SQLite files, or a PostgreSQL database. */
export async function openBackend(choice: BackendChoice): Promise<Backend> {
  if (!choice.store) return sqliteBackend(choice.dataDir);
  const { url, poolSize } = parseStoreUrl(choice.store);
  try {
    return await pgBackend({ url, node: choice.node, poolSize, log: choice.log });
  } catch (error) {
    throw new StoreUnusable(`store: cannot open ${redact(url)}: ${(error as Error).message}`);
  }
}

/** A store URL: postgres:// or postgresql://, with an optional `pool` (connections, 1-1000) the driver does not see. */
export function parseStoreUrl(raw: string): { url: string; poolSize: number } {
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw new StoreUnusable(`store: '${redact(raw)}' is not a URL (expected postgres://user@host:5432/database)`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new StoreUnusable(`store: only postgres:// URLs are supported (got ${parsed.protocol}//); leave it out for the embedded SQLite files`);
  }
  const pool = parsed.searchParams.get('pool');
  const poolSize = pool === null ? DEFAULT_POOL : Number(pool);
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 1000) throw new StoreUnusable(`store: pool must be a whole number from 1 to 1000 (got '${pool}')`);
  // Cut out as written: re-encoding the query would change how the driver reads the rest (a space as '+').
  const url = raw.replace(/([?&])pool=[^&#]*&?/, '$1').replace(/[?&]$/, '');
  return { url, poolSize };
}

/** A URL as it may be shown: without its password. */
export function redact(raw: string): string {
  return raw.replace(/(\/\/[^:/@]*:)[^@/]*@/, '$1***@');
}
