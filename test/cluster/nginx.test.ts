import { createHash, randomBytes } from 'node:crypto';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport, StreamableHTTPError } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { FetchLike } from '@modelcontextprotocol/sdk/shared/transport.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { HubClient } from '../../src/client/hub-client.js';
import { BATON_BIN } from '../support/hub-process.js';
import { authedFetch, authHeaders, rememberToken } from '../support/hub-tokens.js';
import { connectOver, type McpClient, type Reply } from '../support/mcp-client.js';
import { openEvents } from '../support/sse-client.js';
import { startCluster, type Cluster } from './support/cluster.js';
import { freePort } from '../support/free-port.js';
import { documentedConfig, hasNginx, startNginx, type Balancer } from './support/nginx.js';

/** An MCP client connected through nginx, with the node that answered each of its requests. */
interface RoutedMcp {
  mcp: McpClient;
  sessionId: string;
  /** The node (0-2) its session id names. */
  sessionNode: number;
  answeredBy: number[];
}

describe.skipIf(!hasNginx)('three nodes behind nginx, configured as docs/deploy.md says', () => {
  let cluster: Cluster;
  let balancer: Balancer;
  let longWait: Promise<{ status: number; body: Reply; seconds: number }>;

  /** The node (0-2) that answered, the last of the addresses nginx tried; -1 if none of them. */
  const nodeOf = (response: Response): number => {
    const answered = (response.headers.get('x-upstream-addr') ?? '').split(',').at(-1)!.trim();
    return cluster.nodes.findIndex((node) => new URL(node.url).host === answered);
  };
  const nodeNamed = (sessionId: string): number => Number(/^n(\d)\./.exec(sessionId)?.[1]) - 1;

  const through = async (path: string, init: RequestInit = {}) => {
    const response = await authedFetch(`${balancer.url}${path}`, init);
    return { response, node: nodeOf(response) };
  };

  async function clientThroughNginx(name: string): Promise<HubClient> {
    const client = new HubClient({ url: balancer.url, token: cluster.nodes[0]!.token! });
    await client.register({ name, client: 'test' });
    return client;
  }

  async function mcpThroughNginx(name: string): Promise<RoutedMcp> {
    const answeredBy: number[] = [];
    const recording: FetchLike = async (url, init) => {
      const response = await fetch(url, init);
      answeredBy.push(nodeOf(response));
      return response;
    };
    const transport = new StreamableHTTPClientTransport(new URL('/mcp', balancer.url), { requestInit: { headers: authHeaders(balancer.url) }, fetch: recording });
    const mcp = await connectOver(transport, name);
    return { mcp, sessionId: transport.sessionId!, sessionNode: nodeNamed(transport.sessionId!), answeredBy };
  }

  /** Open HTTP waits on each node, asked of the nodes themselves. */
  const waitingPerNode = () =>
    Promise.all(cluster.nodes.map(async (node) => ((await (await fetch(`${node.url}/healthz`)).json()) as { waiting: number }).waiting));
  const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);

  /** Asks again (each answer starts the next question) until the check holds or 20 s have passed. */
  async function until<T>(read: () => Promise<T>, holds: (value: T) => boolean): Promise<T> {
    const end = Date.now() + 20_000;
    for (;;) {
      const value = await read();
      if (holds(value) || Date.now() > end) return value;
    }
  }

  beforeAll(async () => {
    const port = await freePort();
    cluster = await startCluster(3, ['--public-url', `http://127.0.0.1:${port}`]);
    balancer = await startNginx(documentedConfig(cluster.nodes.map((node) => new URL(node.url).host), port), port);
    rememberToken(balancer.url, cluster.nodes[0]!.token!);
    // Started first and checked near the end, so its minute overlaps the other tests.
    const patient = await clientThroughNginx('patient');
    const started = performance.now();
    longWait = through(`/api/v1/wait?channels=alerts&title=${encodeURIComponent('^never$')}&timeout=62`, { headers: { 'x-baton-session': patient.session! } }).then(
      async ({ response }) => ({ status: response.status, body: (await response.json()) as Reply, seconds: (performance.now() - started) / 1000 }),
    );
    // Awaited by its own test; a failure before then must not surface as an unhandled rejection.
    longWait.catch(() => {});
    expect(sum(await until(waitingPerNode, (counts) => sum(counts) === 1))).toBe(1);
  }, 60_000);

  it('an MCP client initializes through nginx, and each of its 30 calls reaches the node holding its session while the JSON API round-robins', async () => {
    const agent = await mcpThroughNginx('agent-through-nginx');
    expect(agent.sessionId).toMatch(/^n[1-3]\./);
    const apiNodes: number[] = [];
    let lastTitle = '';
    for (let i = 0; i < 30; i++) {
      if (i % 2 === 0) {
        lastTitle = `call ${i}`;
        const posted = await agent.mcp.call('collab_channels', { operation: 'post', channel_name: 'general', title: lastTitle, message: 'through nginx' });
        expect(posted).toMatchObject({ success: true, title: lastTitle });
      } else {
        const read = await agent.mcp.call('collab_channels', { operation: 'read', channel_name: 'general', limit: 1 });
        expect(read.messages.map((m: Reply) => m.title)).toEqual([lastTitle]);
      }
      const { response, node } = await through('/api/v1/channels');
      expect(response.status).toBe(200);
      await response.body?.cancel();
      apiNodes.push(node);
    }
    // initialize was answered by the node the session id names, and every request after it went there too.
    expect(agent.answeredBy.length).toBeGreaterThan(30);
    expect(new Set(agent.answeredBy)).toEqual(new Set([agent.sessionNode]));
    expect(new Set(apiNodes)).toEqual(new Set([0, 1, 2]));
  });

  it('waits sent through nginx are parked on several nodes, and one post through nginx wakes every one', async () => {
    const waiter = await clientThroughNginx('waiter');
    const before = await waitingPerNode();
    const since = (await waiter.read('general', { limit: 1 })).next_cursor;
    const waits = Array.from({ length: 6 }, () => waiter.wait(['general'], { since, timeout: 120 }));
    const parked = await until(waitingPerNode, (counts) => sum(counts) - sum(before) === 6);
    const added = parked.map((count, i) => count - before[i]!);
    expect(sum(added)).toBe(6);
    // The post is taken by one node: the waits parked on the others are woken across nodes.
    expect(added.filter((count) => count > 0).length).toBeGreaterThan(1);
    const posted = await (await clientThroughNginx('poster')).post('general', { title: 'wake up, every node' });
    for (const woken of await Promise.all(waits)) expect(woken.messages.map((m) => m.id)).toEqual([posted.message.id]);
  });

  it("an MCP wait through nginx is woken by a post that another node's MCP client makes through nginx", async () => {
    const waiter = await mcpThroughNginx('mcp-waiter');
    let poster = await mcpThroughNginx('mcp-poster');
    for (let tries = 0; poster.sessionNode === waiter.sessionNode && tries < 5; tries++) poster = await mcpThroughNginx('mcp-poster');
    expect(poster.sessionNode).not.toBe(waiter.sessionNode);
    const { next_cursor } = await waiter.mcp.call('collab_channels', { operation: 'read', channel_name: 'general', limit: 1 });
    const waiting = waiter.mcp.call('collab_channels', { operation: 'wait', channel_name: 'general', since: next_cursor, timeout: 60 });
    const posted = await poster.mcp.call('collab_channels', { operation: 'post', channel_name: 'general', title: 'from another node', message: 'wake' });
    const woken = await waiting;
    expect(woken.timed_out).toBe(false);
    expect(woken.messages.map((m: Reply) => m.id)).toEqual([posted.id]);
  });

  it('a document uploaded through nginx (over its default 1 MiB) downloads byte-identical through nginx from every node', async () => {
    const uploader = await clientThroughNginx('uploader');
    const bytes = randomBytes(3 * 1024 * 1024 + 12_345);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const upload = await through('/api/v1/documents/content?path=artifacts/build.bin', {
      method: 'PUT',
      body: bytes,
      headers: { 'x-baton-session': uploader.session!, 'content-type': 'application/octet-stream' },
    });
    expect(upload.response.status).toBe(201);
    expect(((await upload.response.json()) as Reply).version).toMatchObject({ size: bytes.length, sha256 });
    const servedBy: number[] = [];
    for (let i = 0; i < 12; i++) {
      const { response, node } = await through('/api/v1/documents/content?document_id=artifacts/build.bin');
      expect(response.status).toBe(200);
      const downloaded = Buffer.from(await response.arrayBuffer());
      expect(downloaded.length).toBe(bytes.length);
      expect(createHash('sha256').update(downloaded).digest('hex')).toBe(sha256);
      servedBy.push(node);
    }
    expect(new Set(servedBy)).toEqual(new Set([0, 1, 2]));
  });

  it('an event stream through nginx receives the posts made through nginx, whichever node took them', async () => {
    const stream = await openEvents(`${balancer.url}/api/v1/events?channels=general`);
    expect(stream.status).toBe(200);
    expect(await stream.nextOf('ready')).toBeDefined();
    const poster = await clientThroughNginx('stream-poster');
    const posts: { id: string; node: number; webUrl: string }[] = [];
    for (let i = 0; i < 3; i++) {
      const { response, node } = await through('/api/v1/channels/general/messages', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-baton-session': poster.session! },
        body: JSON.stringify({ title: `live ${i}` }),
      });
      expect(response.status).toBe(201);
      const { message } = (await response.json()) as Reply;
      posts.push({ id: message.id, node, webUrl: message.web_url });
    }
    // The stream is held by one node; the posts were taken by more than one.
    expect(new Set(posts.map((post) => post.node)).size).toBeGreaterThan(1);
    for (const post of posts) expect(JSON.parse((await stream.nextOf('message'))!.data).id).toBe(post.id);
    // Every node builds its links on the balancer's URL (--public-url).
    for (const post of posts) expect(post.webUrl).toBe(`${balancer.url}/m/${post.id}`);
    stream.close();
  });

  it("a wait longer than nginx's default 60 s read timeout is answered by the hub, not cut off by nginx", async () => {
    const { status, body, seconds } = await longWait;
    expect(status).toBe(200);
    expect(body).toMatchObject({ messages: [], timed_out: true });
    expect(seconds).toBeGreaterThan(61);
  }, 90_000);

  it('when a node dies, its waits move to live nodes, its MCP sessions get 404 from a backup, and baton mcp starts again as the same session', async () => {
    const routesBefore = balancer.routes().length;
    const bridge = await connectOver(
      new StdioClientTransport({
        command: process.execPath,
        args: [BATON_BIN, 'mcp', '--no-start'],
        env: { ...(process.env as Record<string, string>), BATON_URL: balancer.url, BATON_TOKEN: cluster.nodes[0]!.token! },
        stderr: 'pipe',
      }),
      'bridged-agent',
    );
    const before = await bridge.call('collab_directory', { operation: 'whoami' });
    // The bridge's MCP session, from the access log: nginx writes a request's line once it has answered.
    const sessionOf = (line: string) => /^POST \/mcp "([^"]+)"/.exec(line)?.[1];
    const bridged = await until(
      async () => balancer.routes().slice(routesBefore).map(sessionOf).find((id) => id !== undefined && id !== '-'),
      (id) => id !== undefined,
    );
    const doomed = nodeNamed(bridged!);
    expect(doomed).toBeGreaterThanOrEqual(0);
    let direct = await mcpThroughNginx('direct-agent');
    for (let tries = 0; direct.sessionNode !== doomed && tries < 5; tries++) direct = await mcpThroughNginx('direct-agent');
    expect(direct.sessionNode).toBe(doomed);

    const waiter = await clientThroughNginx('waiter-through-death');
    const since = (await waiter.read('general', { limit: 1 })).next_cursor;
    const beforeWaits = await waitingPerNode();
    const waits = Array.from({ length: 3 }, () => waiter.wait(['general'], { since, timeout: 120 }));
    const parked = await until(waitingPerNode, (counts) => sum(counts) - sum(beforeWaits) === 3);
    expect(parked[doomed]! - beforeWaits[doomed]!).toBeGreaterThan(0);

    await cluster.nodes[doomed]!.stop('SIGKILL');

    // A wait nginx had sent to the dead node is sent again to a live one, and woken there.
    const posted = await (await clientThroughNginx('survivor')).post('general', { title: 'after the node died' });
    for (const woken of await Promise.all(waits)) expect(woken.messages.map((m) => m.id)).toEqual([posted.message.id]);
    // A client of the MCP protocol itself is told its session is gone (404), not that nginx failed (502).
    const lost = await direct.mcp.call('collab_directory', { operation: 'whoami' }).catch((error: unknown) => error);
    expect(lost).toBeInstanceOf(StreamableHTTPError);
    expect((lost as StreamableHTTPError).code).toBe(404);
    // The bridge gets the same 404 for its session, initializes again on a live node, and is still who it was.
    const after = await bridge.call('collab_directory', { operation: 'whoami' });
    expect(after.session.id).toBe(before.session.id);
    const refusals = balancer.routes().filter((line) => line.startsWith(`POST /mcp "${bridged}" `) && line.endsWith(' 404'));
    expect(refusals).toHaveLength(1);
    const answeredBy = /"([^"]*)" 404$/.exec(refusals[0]!)![1]!.split(',').at(-1)!.trim();
    expect(answeredBy).not.toBe(new URL(cluster.nodes[doomed]!.url).host);
  }, 120_000);
});
