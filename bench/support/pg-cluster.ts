import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startHub, type BenchHub } from './hub-process.js';

/** The PostgreSQL server the cluster group makes its database on: this machine's, or BATON_BENCH_PG. */
export const PG_SERVER = process.env.BATON_BENCH_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Runs `measure` on a database of its own on the server, dropped afterwards however `measure` ends. */
export async function withBenchDatabase<T>(measure: (store: string) => Promise<T>): Promise<T> {
  const name = `baton_bench_${randomBytes(4).toString('hex')}`;
  await onServer(`CREATE DATABASE ${name}`);
  try {
    return await measure(urlOf(name));
  } finally {
    // FORCE: a hub that failed to stop must not keep the database alive.
    await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

/** Nodes of one hub: each its own process and data dir, all on the same database. */
interface BenchNodes {
  urls: string[];
  stop(): Promise<void>;
}

/**
 * Starts `count` nodes (`baton serve --store <store> --node n1…`), one after the other: the first
 * makes the schemas, and a node that fails to start stops the ones before it.
 */
async function startNodes(store: string, count: number, nodeArgs?: string[]): Promise<BenchNodes> {
  const hubs: BenchHub[] = [];
  const stop = async () => {
    await Promise.all(hubs.map((hub) => hub.stop()));
  };
  try {
    for (let i = 1; i <= count; i++) {
      hubs.push(await startHub({ serveArgs: ['--store', store, '--node', `n${i}`], ...(nodeArgs ? { nodeArgs } : {}) }));
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { urls: hubs.map((hub) => hub.url), stop };
}

/** Runs `measure` against fresh nodes and stops them afterwards. */
export async function onNodes<T>(store: string, count: number, nodeArgs: string[] | undefined, measure: (urls: string[]) => Promise<T>): Promise<T> {
  const nodes = await startNodes(store, count, nodeArgs);
  try {
    return await measure(nodes.urls);
  } finally {
    await nodes.stop();
  }
}

/**
 * Drops every schema the hub made (control and workspaces), so a measurement begins on an empty
 * store as each SQLite figure does on a fresh data dir. No node may be running.
 */
export async function emptyDatabase(store: string): Promise<void> {
  await withClient(store, async (client) => {
    const { rows } = await client.query<{ name: string }>("SELECT nspname AS name FROM pg_namespace WHERE nspname LIKE 'baton\\_%'");
    for (const { name } of rows) await client.query(`DROP SCHEMA "${name}" CASCADE`);
  });
}

/** The server's settings that decide what a commit costs, for the results file. */
export async function serverSettings(store: string): Promise<Record<string, string>> {
  const names = ['server_version', 'synchronous_commit', 'fsync', 'wal_sync_method', 'commit_delay', 'shared_buffers', 'max_connections'];
  return withClient(store, async (client) => {
    const { rows } = await client.query<{ name: string; setting: string }>('SELECT name, current_setting(name) AS setting FROM unnest($1::text[]) AS name', [names]);
    return Object.fromEntries(rows.map((r) => [r.name, r.setting]));
  });
}

/** One connection to `url` for the length of `use`. */
async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, application_name: 'baton-bench' });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

const onServer = (sql: string): Promise<void> => withClient(PG_SERVER, async (client) => void (await client.query(sql)));

function urlOf(database: string): string {
  const url = new URL(PG_SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}
