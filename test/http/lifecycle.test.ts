import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { BATON_BIN } from '../support/hub-process.js';
import { hubsForTests } from './file-hub.js';
import { Api } from './http-client.js';

describe('http hub lifecycle', () => {
  const startHubProcess = hubsForTests();

  it('shutdown - SIGINT answers a pending wait with closing:true and the hub exits 0', async () => {
    const hub = await startHubProcess();
    const api = new Api(hub.url);
    const session = await api.session('patient');
    const waiting = api.get('/api/v1/wait?channels=general&timeout=300', { session });
    while ((await api.get('/healthz')).json.waiting < 1) await new Promise((resolve) => setImmediate(resolve));
    const exited = hub.stop('SIGINT');
    const reply = await waiting;
    expect(reply.status).toBe(200);
    expect(reply.json).toMatchObject({ channels: ['general'], messages: [], timed_out: true, closing: true });
    expect(await exited).toBe(0);
  });

  it('shutdown - the data is still there when the hub starts again on the same data dir', async () => {
    const first = await startHubProcess();
    const api = new Api(first.url);
    const message = await api.postMessage(await api.session('writer'), 'general', 'kept across restarts');
    expect(await first.stop('SIGINT')).toBe(0);
    const second = await startHubProcess({ dataDir: first.dataDir });
    const again = new Api(second.url);
    expect((await again.get(`/api/v1/messages/${message.id}`)).json.message.title).toBe('kept across restarts');
  });

  it('data dir - a second hub on the same data dir exits non-zero with a clear message', async () => {
    const hub = await startHubProcess();
    const second = spawn(process.execPath, [BATON_BIN, 'serve', '--port', '0', '--data', hub.dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    second.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => second.once('exit', resolve));
    expect(code).not.toBe(0);
    expect(stderr).toContain('another hub is already using');
    expect(stderr).toContain(hub.dataDir);
    expect((await new Api(hub.url).get('/healthz')).json.ok).toBe(true);
  });
});
