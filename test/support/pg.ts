import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { ident, PgDb } from '../../src/store/postgres/pg-db.js';
import { atFileEnd } from './cleanup.js';

/** The server the tests use: this machine's PostgreSQL, or BATON_TEST_PG. */
export const PG_URL = process.env.BATON_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

const unique = (prefix: string) => `${prefix}_${process.pid}_${randomBytes(4).toString('hex')}`;

/** A pool on the test database, closed at the end of the file after the schemas it made are dropped. */
export function testDb(): { db: PgDb; schema: () => string } {
  const db = new PgDb(PG_URL);
  const made: string[] = [];
  atFileEnd(async () => {
    for (const name of made) await db.query(`DROP SCHEMA IF EXISTS ${ident(name)} CASCADE`);
    await db.close();
  });
  return {
    db,
    schema: () => {
      const name = unique('bt');
      made.push(name);
      return name;
    },
  };
}

/** A database of its own (several hub processes share it), dropped at the end of the file. */
export async function freshDatabase(): Promise<string> {
  const name = unique('baton_t');
  await queryOnce(PG_URL, `CREATE DATABASE ${name}`);
  atFileEnd(() => queryOnce(PG_URL, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
  const url = new URL(PG_URL);
  url.pathname = `/${name}`;
  return url.toString();
}

/** One statement on a connection of its own, closed after it. */
export async function queryOnce<Row>(url: string, sql: string, values: unknown[] = []): Promise<Row[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, values)).rows as Row[];
  } finally {
    await client.end();
  }
}
