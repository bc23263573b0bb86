import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Api } from '../http/http-client.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { matchOn, serve } from './admin-serve-output.js';

/** The hub's address on loopback, whatever address it listens on. */
const loopbackOf = (hub: HubProcess): string => `http://127.0.0.1:${new URL(hub.url).port}`;

describe('serve: off loopback and open mode', () => {
  it('--open off loopback - refuses to start, saying tokens are needed, and touches nothing', async () => {
    const dataDir = tempDir('baton-open-public-');
    const hub = await serve(['--host', '0.0.0.0', '--port', '0', '--open', '--data', dataDir]);
    const code = await hub.closed;
    expect(code).not.toBe(0);
    expect(code).not.toBeNull();
    expect(hub.stdout()).toBe('');
    expect(hub.stderr().trimEnd().split('\n')).toEqual(['baton: --open is for loopback only: a hub listening on 0.0.0.0 needs tokens']);
    expect(readdirSync(dataDir)).toEqual([]);
  });

  it('off loopback - starts with tokens required, and warns on stderr that the public URL is not https', async () => {
    const hub = await startHubProcess({ args: ['--host', '0.0.0.0'] });
    expect(hub.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    const ended = new Promise((resolve) => hub.process.once('close', resolve));
    const warning = await matchOn(hub.process.stderr!, hub.stderr, /not https/, ended);
    expect(warning).toContain(`baton: warning: listening on 0.0.0.0 but the public URL ${hub.url} is not https: tokens cross the network in the clear`);
    const url = loopbackOf(hub);
    const anonymous = await new Api(url, null).get('/api/v1/channels');
    expect(anonymous.status).toBe(401);
    expect(anonymous.json.code).toBe('unauthenticated');
    const admin = await new Api(url, hub.token!).get('/api/v1/channels');
    expect(admin.status, admin.text).toBe(200);
  });

  it('--open on loopback - serves without tokens and writes no admin token', async () => {
    const hub = await startHubProcess({ args: ['--open'] });
    expect(hub.token).toBeUndefined();
    expect(existsSync(join(hub.dataDir, 'admin.token'))).toBe(false);
    const api = new Api(hub.url, null);
    const channels = await api.get('/api/v1/channels');
    expect(channels.status, channels.text).toBe(200);
    const session = await api.session('open-writer');
    const posted = await api.postMessage(session, 'general', 'no token needed');
    expect(posted.title).toBe('no token needed');
    const who = await api.get('/api/v1/whoami/token');
    expect(who.json.token).toEqual({ id: null, name: 'open', role: 'admin', workspace: null });
    const page = await fetch(`${hub.url}/c/general`, { redirect: 'manual' });
    expect(page.status, 'a page opens without logging in').toBe(200);
  });
});
