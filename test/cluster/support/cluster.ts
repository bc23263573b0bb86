import { HubClient } from '../../../src/client/hub-client.js';
import { startHubProcess, type HubProcess } from '../../support/hub-process.js';
import { freshDatabase } from '../../support/pg.js';

export interface Cluster {
  /** The database every node shares. */
  store: string;
  nodes: HubProcess[];
  /** A client of node i acting as a new session with this name (admin token of that node). */
  client(node: number, name: string, workspace?: string): Promise<HubClient>;
  /** Starts one more node on the same database. */
  add(name: string): Promise<HubProcess>;
}

/**
 * Real hub processes (`baton serve --store postgres://…`), each with its own data dir, sharing one
 * fresh database that is dropped when the file ends; they start at the same moment. The rate limit is off: a test drives many
 * requests through one token.
 */
export async function startCluster(size: number, args: string[] = []): Promise<Cluster> {
  const store = await freshDatabase();
  const start = (name: string) => startHubProcess({ args: ['--store', store, '--node', name, '--rate-limit', '0', ...args] });
  // All at once on the empty database: every node migrates at start, under the same lock.
  const nodes = await Promise.all(Array.from({ length: size }, (_, i) => start(`n${i + 1}`)));
  return {
    store,
    nodes,
    async client(node, name, workspace) {
      const hub = nodes[node]!;
      const client = new HubClient({ url: hub.url, token: hub.token!, ...(workspace ? { workspace } : {}) });
      await client.register({ name, client: 'test' });
      return client;
    },
    async add(name) {
      const node = await start(name);
      nodes.push(node);
      return node;
    },
  };
}
