import { describe, expect, it } from 'vitest';
import { AdminClient } from '../../src/client/admin-client.js';
import { HubClient } from '../../src/client/hub-client.js';
import { HubClientError } from '../../src/client/client-error.js';
import { startCluster } from './support/cluster.js';

/** The status a call ends with: 200 when it works, the hub's refusal otherwise. */
async function statusOf(call: () => Promise<unknown>): Promise<number> {
  try {
    await call();
    return 200;
  } catch (error) {
    if (error instanceof HubClientError) return error.status;
    throw error;
  }
}

/** Asks again until the answer is the one wanted or the deadline passes; returns the last answer. */
async function until<T>(read: () => Promise<T>, wanted: T, deadlineMs = 10_000): Promise<T> {
  const end = Date.now() + deadlineMs;
  for (;;) {
    const value = await read();
    if (value === wanted || Date.now() > end) return value;
  }
}

describe('several nodes on one database: workspaces and tokens', () => {
  it('a workspace made on one node is served by the others at once, its trust changes everywhere, and its removal stops it everywhere', async () => {
    const cluster = await startCluster(3);
    const [n1, n2, n3] = cluster.nodes.map((node) => new AdminClient(node.url, node.token));
    await n1!.createWorkspace('team-b');
    // A token for it made on another node, and used on the third.
    const { secret } = await n2!.createToken({ role: 'agent', workspace: 'team-b', name: 'b-agent' });
    const agent = new HubClient({ url: cluster.nodes[2]!.url, token: secret, workspace: 'team-b' });
    await agent.register({ name: 'b-agent', client: 'test' });
    const posted = await agent.post('general', { title: 'hello from team-b on n3' });
    const reader = await cluster.client(0, 'b-reader', 'team-b');
    expect((await reader.message(posted.message.id)).title).toBe('hello from team-b on n3');

    await n2!.updateWorkspace('team-b', 'trusted');
    expect((await n3!.workspaces()).workspaces.find((w) => w.name === 'team-b')?.trust).toBe('trusted');

    await n1!.deleteWorkspace('team-b');
    expect(await until(() => statusOf(() => reader.channels()), 404)).toBe(404);
    expect(await until(() => statusOf(() => agent.channels()), 401)).toBe(401);
  }, 120_000);

  it('a token revoked on one node is refused by the others', async () => {
    const cluster = await startCluster(3);
    const admin = new AdminClient(cluster.nodes[1]!.url, cluster.nodes[1]!.token);
    const { token, secret } = await admin.createToken({ role: 'agent', name: 'short-lived' });
    const clients = cluster.nodes.map((node) => new HubClient({ url: node.url, token: secret }));
    // Every node has looked the token up, so each has it cached as valid.
    for (const client of clients) expect(await statusOf(() => client.channels())).toBe(200);
    await admin.revokeToken(token.id);
    // That the others are told, rather than waiting out their cache, is proven in token-news.test.ts.
    for (const client of [clients[0]!, clients[2]!]) expect(await until(() => statusOf(() => client.channels()), 401)).toBe(401);
  }, 120_000);
});
