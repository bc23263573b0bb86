import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import Database from 'better-sqlite3';
import { expect } from 'vitest';
import { isBatonError, type ErrorCode } from '../../../src/core/errors.js';
import type { TestHub } from '../../support/test-hub.js';

export interface Stored {
  /** Row count of every table in the hub's SQLite file. */
  rows: Record<string, number>;
  /** Every file under the blob dir (temp files included). */
  blobs: string[];
}

/** What the hub has kept, read from its files by a separate connection. */
export function stored(t: TestHub): Stored {
  const db = new Database(join(t.dir, 'hub.db'), { readonly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
    const rows = Object.fromEntries(tables.map((name) => [name, db.prepare(`SELECT COUNT(*) FROM "${name}"`).pluck().get() as number]));
    return { rows, blobs: filesUnder(join(t.dir, 'blobs')) };
  } finally {
    db.close();
  }
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
  const before = stored(t);
  const error = await refused(call, expected);
  expect(stored(t), `something was stored by a refused call: ${error.message}`).toEqual(before);
  return error;
}
