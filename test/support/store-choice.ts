import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PgBlobStore } from '../../src/blobs/pg-blob-store.js';
import { PgDb } from '../../src/store/postgres/pg-db.js';
import { workspaceSchema } from '../../src/store/postgres/pg-migrations.js';
import { openPgStore, tablesOf } from '../../src/store/postgres/pg-store.js';
import { atFileEnd } from './cleanup.js';
import { freshDatabase, PG_URL, queryOnce, testDb } from './pg.js';

/**
 * BATON_TEST_STORE=postgres runs the hub-level suites on PostgreSQL: hubs in this process get a
 * schema of the test database, hub processes a database of their own (kept across restarts).
 */
export const onPostgres = process.env.BATON_TEST_STORE === 'postgres';

let shared: ReturnType<typeof testDb> | undefined;
const testDatabase = () => (shared ??= testDb());

/** A pool on the test database, to look at what in-process hubs stored; their schemas are dropped at file end. */
export const testPool = (): PgDb => testDatabase().db;

/** A workspace store and its blobs in a fresh schema of the test database. */
export async function postgresParts() {
  return postgresPartsIn(testDatabase().schema());
}

/**
 * The store and blobs of a schema that may hold data already, as a restarted hub opens them. They
 * have a pool of their own that closing the store ends, as closing a SQLite store closes its file.
 */
export async function postgresPartsIn(schema: string) {
  const db = new PgDb(PG_URL, 5);
  let ended: Promise<void> | undefined;
  const end = () => (ended ??= db.close());
  atFileEnd(end);
  const store = await openPgStore(db, schema);
  const close = async () => {
    await store.close();
    await end();
  };
  return { schema, store: { ...store, close }, blobs: new PgBlobStore(db, tablesOf(schema)) };
}

const databases = new Map<string, Promise<string>>();

/** `--store <url>` for a hub process on PostgreSQL (one database per data dir), unless the test names its own. */
export async function storeArgsFor(dataDir: string, args: readonly string[]): Promise<string[]> {
  if (!onPostgres || args.includes('--store')) return [];
  return ['--store', await databaseFor(dataDir)];
}

/** The database of the hub processes on this data dir, for tests that look at what they stored. */
export function databaseFor(dataDir: string): Promise<string> {
  let url = databases.get(dataDir);
  if (!url) databases.set(dataDir, (url = freshDatabase()));
  return url;
}

/** Rows of a query on the database of the hub processes on this data dir (when they run on PostgreSQL). */
export async function queryHubDatabase<Row>(dataDir: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  return queryOnce<Row>(await databaseFor(dataDir), sql, values);
}

/** Whether hub processes on this data dir keep data of the workspace: its directory, or on PostgreSQL its schema. */
export async function workspaceDataExists(dataDir: string, workspace: string): Promise<boolean> {
  if (!onPostgres) return existsSync(join(dataDir, 'workspaces', workspace));
  const found = await queryHubDatabase(dataDir, 'SELECT 1 FROM information_schema.schemata WHERE schema_name = $1', [workspaceSchema(workspace)]);
  return found.length > 0;
}
