import { readdirSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { isBatonError, type ErrorCode } from '../../../src/core/errors.js';
import { PgBlobStore, UNUSED_BLOB_GRACE_MS } from '../../../src/blobs/pg-blob-store.js';
import { tablesOf } from '../../../src/store/postgres/pg-store.js';
import { testPool } from '../../support/store-choice.js';
import type { TestHub } from '../../support/test-hub.js';

export interface Stored {
  /** Row count of every table of the hub's store. */
  rows: Record<string, number>;
  /** Every file under the blob dir (temp files included), or on PostgreSQL every blob as `<sha256> (<n> chunks)`. */
  blobs: string[];
}

/** What the hub has kept, read by a separate connection. */
export async function stored(t: TestHub): Promise<Stored> {
  return t.schema === undefined ? storedInFiles(t.dir) : storedInSchema(t.schema);
}

/** The sha256 of every blob the hub keeps, from either store (an upload in flight is not one yet). */
export async function storedHashes(t: TestHub): Promise<string[]> {
  const { blobs } = await stored(t);
  const hashes = t.schema === undefined ? blobs.filter((f) => !f.startsWith('tmp/')).map((f) => basename(f)) : blobs.map((b) => b.split(' ')[0]!);
  return hashes.sort();
}

/** Runs the PostgreSQL blob store's discard as if every blob were older than the grace period; returns how many went. */
export async function discardUnusedBlobs(t: TestHub): Promise<number> {
  const s = tablesOf(t.schema!);
  await testPool().query(`UPDATE ${s('blobs')} SET stored_at = stored_at - ${UNUSED_BLOB_GRACE_MS + 1000}`);
  return new PgBlobStore(testPool(), s).discardUnused();
}

function storedInFiles(dir: string): Stored {
  const db = new Database(join(dir, 'hub.db'), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const rows = Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT COUNT(*) FROM "${name}"`).pluck().get() as number]));
    return { rows, blobs: filesUnder(join(dir, 'blobs')) };
  } finally {
    db.close();
  }
}

async function storedInSchema(schema: string): Promise<Stored> {
  const db = testPool();
  const s = tablesOf(schema);
  const tables = await db.query<{ name: string }>("SELECT table_name AS name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE' ORDER BY 1", [schema]);
  const rows: Record<string, number> = {};
  for (const { name } of tables) rows[name] = (await db.query<{ n: number }>(`SELECT count(*) AS n FROM ${s(name)}`))[0]!.n;
  const blobs = await db.query<{ sha256: string; chunks: number }>(
    `SELECT b.sha256, (SELECT count(*) FROM ${s('blob_chunks')} c WHERE c.blob_id = b.id) AS chunks FROM ${s('blobs')} b ORDER BY b.sha256`,
  );
  return { rows, blobs: blobs.map((b) => `${b.sha256} (${b.chunks} chunks)`) };
}

export function filesUnder(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)))
    .sort();
}

export interface Refusal {
  code: ErrorCode;
  field?: string;
  /** Text the message must contain. */
  says?: string | RegExp;
}

/** Asserts that a call is refused the way `expected` says, and returns the error for more checks. */
export async function refused(call: Promise<unknown> | (() => Promise<unknown>), expected: Refusal) {
  const error = await (typeof call === 'function' ? call() : call).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isBatonError(error)) throw new Error(`expected a refusal (${expected.code}), got ${error === undefined ? 'success' : String(error)}`);
  expect(error.code, error.message).toBe(expected.code);
  if (expected.field !== undefined) expect(error.field, error.message).toBe(expected.field);
  if (expected.field !== undefined) expect(error.message.startsWith(`${expected.field}: `) || error.code !== 'invalid_input').toBe(true);
  if (typeof expected.says === 'string') expect(error.message).toContain(expected.says);
  else if (expected.says) expect(error.message).toMatch(expected.says);
  return error;
}

/** Runs a call that must be refused, and checks that nothing was stored meanwhile. */
export async function refusedAndNothingStored(t: TestHub, call: () => Promise<unknown>, expected: Refusal) {
  const before = await stored(t);
  const error = await refused(call, expected);
  expect(await stored(t), `something was stored by a refused call: ${error.message}`).toEqual(before);
  return error;
}
