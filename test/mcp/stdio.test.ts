import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { BATON_BIN, startHubProcess, type HubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { connect, connectOver, type McpClient } from '../support/mcp-client.js';
import { tokenOf } from '../support/hub-tokens.js';
import { makeToken } from '../support/tokens.js';
import { Api } from '../http/http-client.js';
import { freePort } from '../support/free-port.js';

const STDIO_MAIN = fileURLToPath(new URL('../../dist/surfaces/mcp/stdio-main.js', import.meta.url));
const CLI_MCP = fileURLToPath(new URL('../../dist/cli/commands/mcp.js', import.meta.url));

/** `baton mcp --no-start` once the command exists; the bare stdio entry before that. */
const stdioArgs = (): string[] => (existsSync(CLI_MCP) ? [BATON_BIN, 'mcp', '--no-start'] : [STDIO_MAIN]);

function stdioClient(hubUrl: string, name: string, env: Record<string, string> = {}): Promise<McpClient> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: stdioArgs(),
    env: { ...(process.env as Record<string, string>), BATON_URL: hubUrl, BATON_TOKEN: tokenOf(hubUrl) ?? '', ...env },
    stderr: 'pipe',
  });
  return connectOver(transport, name);
}


describe('MCP over stdio', () => {
  let hub: HubProcess;
  beforeAll(async () => {
    hub = await startHubProcess();
  });

  it("stdio - the session is named after the stdio client's clientInfo", async () => {
    const amplifier = await stdioClient(hub.url, 'amplifier');
    const { session } = await amplifier.call('collab_directory', { operation: 'whoami' });
    expect(session).toMatchObject({ name: 'amplifier', client: 'amplifier' });
  });

  it('stdio - lists the same tools as the hub serves over HTTP', async () => {
    const overStdio = await stdioClient(hub.url, 'lister');
    const overHttp = await connect(hub.url, 'lister');
    expect(await overStdio.client.listTools()).toEqual(await overHttp.client.listTools());
  });

  it('stdio - a post over stdio is read over HTTP, and a wait over stdio is woken by an HTTP client', async () => {
    const worker = await stdioClient(hub.url, 'stdio-worker');
    const coordinator = await connect(hub.url, 'coordinator');
    const posted = await worker.call('collab_channels', { operation: 'post', channel_name: 'general', title: '🚀 Starting: stdio', message: 'hello' });
    expect(posted).toMatchObject({ success: true, channel: 'general', message: 'hello' });
    const read = await coordinator.call('collab_channels', { operation: 'read', channel_name: 'general', since: '0' });
    expect(read.messages.find((m: { id: string }) => m.id === posted.id)).toMatchObject({ sender: 'stdio-worker' });

    const waiting = worker.call('collab_channels', { operation: 'wait', channel_name: 'handoffs', since: read.next_cursor, timeout: 120 });
    const handoff = await coordinator.call('collab_channels', { operation: 'post', channel_name: 'handoffs', title: '🔄 Handoff: next', message: 'go' });
    expect((await waiting).messages.map((m: { id: string }) => m.id)).toEqual([handoff.id]);
  });

  it('stdio - BATON_WORKSPACE and BATON_TOKEN reach another workspace, and a token of another workspace is refused', async () => {
    const admin = new Api(hub.url);
    expect((await admin.post('/api/v1/workspaces', { name: 'stdio-team' })).status).toBe(201);
    const agent = await stdioClient(hub.url, 'team-agent', { BATON_WORKSPACE: 'stdio-team', BATON_TOKEN: await makeToken(hub.url, 'agent', 'stdio-team') });
    const posted = await agent.call('collab_channels', { operation: 'post', channel_name: 'general', title: '🚀 Starting: in the team', message: '' });
    expect(posted.web_url).toContain('/w/stdio-team/');
    const read = await admin.get('/w/stdio-team/api/v1/channels/general/messages', { name: 'admin-reader' });
    expect(read.json.messages.map((m: { title: string }) => m.title)).toEqual(['🚀 Starting: in the team']);
    const inDefault = await admin.get('/api/v1/channels/general/messages?limit=200', { name: 'admin-reader-2' });
    expect(inDefault.json.messages.map((m: { title: string }) => m.title)).not.toContain('🚀 Starting: in the team');
    const outsider = await stdioClient(hub.url, 'outsider', { BATON_TOKEN: await makeToken(hub.url, 'agent', 'stdio-team') });
    const refused = await outsider.call('collab_channels', { operation: 'list' });
    expect(refused).toMatchObject({ success: false, isError: true });
    expect(refused.error).toContain("not 'default'");
  });

  it('stdio - errors come back as contract text, flagged isError', async () => {
    const agent = await stdioClient(hub.url, 'stdio-agent');
    expect(await agent.call('collab_channels', { operation: 'read' })).toEqual({
      success: false,
      error: "channel_name required for 'read'",
      code: 'invalid_input',
      isError: true,
    });
  });

  it('stdio - BATON_SESSION speaks as an existing session', async () => {
    const first = await connect(hub.url, 'named-elsewhere');
    const { session } = await first.call('collab_directory', { operation: 'whoami' });
    const agent = await stdioClient(hub.url, 'stdio-agent', { BATON_SESSION: session.id });
    expect((await agent.call('collab_directory', { operation: 'whoami' })).session.id).toBe(session.id);
  });

  it('stdio - after the hub restarts, the next call reconnects as the same session', async () => {
    const port = await freePort();
    const dataDir = tempDir('baton-restart-');
    const first = await startHubProcess({ dataDir, args: ['--port', String(port)] });
    const agent = await stdioClient(first.url, 'survivor');
    const before = (await agent.call('collab_directory', { operation: 'whoami' })).session;
    expect(await first.stop()).toBe(0);
    const second = await startHubProcess({ dataDir, args: ['--port', String(port)] });
    expect(second.url).toBe(first.url);
    const after = (await agent.call('collab_directory', { operation: 'whoami' })).session;
    expect(after.id).toBe(before.id);
  });

  it('stdio - a hub that does not answer is an error result, not a hang', async () => {
    const port = await freePort();
    const dataDir = tempDir('baton-gone-');
    const doomed = await startHubProcess({ dataDir, args: ['--port', String(port)] });
    const agent = await stdioClient(doomed.url, 'orphan');
    await agent.call('collab_channels', { operation: 'list' });
    await doomed.stop();
    const reply = await agent.call('collab_channels', { operation: 'list' });
    expect(reply).toMatchObject({ success: false, isError: true });
    expect(reply.error).toContain(doomed.url);
  });

  it('stdio - the process ends when stdin closes', async () => {
    const child = spawn(process.execPath, stdioArgs(), { env: { ...process.env, BATON_URL: hub.url, BATON_TOKEN: tokenOf(hub.url) }, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    child.stdin.end();
    expect(await exited).toBe(0);
  });
});
