import { existsSync, readFileSync, watch } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { afterAll, describe, expect, it } from 'vitest';
import { BATON_BIN, startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { fails, freePort, ok, okJson, personAt, type CliEnv } from './cli-process.js';

/** Hubs the commands started in the background; stopped by pid when the file ends, whatever happened. */
const started = new Set<number>();
afterAll(() => {
  for (const pid of started) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

/** Stops a background hub by the pid it announced, and resolves when it has let go of its data dir. */
async function stopAnnounced(dataDir: string): Promise<void> {
  const announced = JSON.parse(readFileSync(join(dataDir, 'hub.json'), 'utf8')) as { pid: number };
  const released = new Promise<void>((resolve) => {
    const watcher = watch(dataDir, () => {
      if (existsSync(join(dataDir, 'hub.json'))) return;
      watcher.close();
      resolve();
    });
  });
  process.kill(announced.pid, 'SIGTERM');
  await released;
  started.delete(announced.pid);
}

function remember(dataDir: string): { pid: number; url: string } {
  const announced = JSON.parse(readFileSync(join(dataDir, 'hub.json'), 'utf8')) as { pid: number; url: string };
  started.add(announced.pid);
  return announced;
}

/** The official MCP SDK client, launching `baton mcp` as Claude Code or Amplifier would. */
async function mcpClient(env: CliEnv, name: string): Promise<Client> {
  const client = new Client({ name, version: '1.0.0' });
  const transport = new StdioClientTransport({ command: process.execPath, args: [BATON_BIN, 'mcp'], env: envOf(env), stderr: 'pipe' });
  await client.connect(transport);
  afterAll(() => client.close().catch(() => {}));
  return client;
}

const envOf = (env: CliEnv): Record<string, string> =>
  Object.fromEntries(Object.entries({ ...process.env, ...env }).filter((e): e is [string, string] => e[1] !== undefined));

async function callJson(client: Client, name: string, args: Record<string, unknown>): Promise<Record<string, any>> {
  const result = await client.callTool({ name, arguments: args });
  return JSON.parse((result.content as { text: string }[])[0]!.text) as Record<string, any>;
}

describe('finding and starting the hub', () => {
  it('mcp --no-start - with nothing listening, fails with a clear reason', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const env = personAt(url);
    await fails(['mcp', '--no-start'], env, new RegExp(`^baton: no hub answers at ${url} \\(not starting one: --no-start\\)$`));
    await fails(['status', '--no-start'], env, /no hub answers at/);
    expect(existsSync(join(env.BATON_DATA!, 'hub.json'))).toBe(false);
  });

  it('a hub that is not on this machine is never started', async () => {
    const env = personAt('http://nowhere.invalid:7420');
    await fails(['whoami'], env, /^baton: no hub answers at http:\/\/nowhere\.invalid:7420/);
    expect(existsSync(join(env.BATON_DATA!, 'hub.json'))).toBe(false);
  });

  it('auto-start - with no hub answering locally, status starts one in the background on the data dir', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const env = personAt(url, { BATON_NAME: 'alice' });
    const status = await okJson(['status'], env);
    const hub = remember(env.BATON_DATA!);
    expect(hub.url).toBe(url);
    expect(status).toMatchObject({ hub: url, session: { name: 'alice' } });
    expect(status.channels.map((c: { name: string }) => c.name)).toEqual(['general', 'alerts', 'handoffs']);
    await ok(['post', 'general', '🚀 Starting: X'], env);
    expect(remember(env.BATON_DATA!).pid).toBe(hub.pid);
    await stopAnnounced(env.BATON_DATA!);
  });

  it('without a URL, commands use the hub the data dir announces', async () => {
    const hub = await startHubProcess();
    const env = { BATON_URL: undefined, BATON_DATA: hub.dataDir, BATON_NAME: 'alice' };
    const status = await okJson(['status'], env);
    expect(status.hub).toBe(hub.url);
  });

  it('mcp - an MCP client that launches baton mcp works through the hub', async () => {
    const hub = await startHubProcess();
    const env = personAt(hub.url);
    const agent = await mcpClient(env, 'claude-code');
    const tools = await agent.listTools();
    expect(tools.tools.map((t) => t.name)).toEqual(expect.arrayContaining(['collab_channels', 'collab_documents', 'collab_directory']));
    const posted = await callJson(agent, 'collab_channels', { operation: 'post', channel_name: 'general', title: '✅ Complete: X', message: 'via stdio' });
    expect(posted).toMatchObject({ success: true, channel: 'general' });
    const read = await okJson(['read', 'general'], { ...env, BATON_NAME: 'watcher' });
    expect(read.messages).toContainEqual(expect.objectContaining({ title: '✅ Complete: X', content: 'via stdio' }));
  });

  it('mcp auto-start - baton mcp starts a hub when none answers, so an MCP client needs nothing else', async () => {
    const url = `http://127.0.0.1:${await freePort()}`;
    const env = personAt(url, { BATON_DATA: tempDir('baton-auto-') });
    const agent = await mcpClient(env, 'amplifier');
    remember(env.BATON_DATA!);
    const channels = await callJson(agent, 'collab_channels', { operation: 'list' });
    expect(channels.channels.map((c: { name: string }) => c.name)).toEqual(expect.arrayContaining(['general', 'alerts', 'handoffs']));
    await agent.close();
    await stopAnnounced(env.BATON_DATA!);
  });
});
