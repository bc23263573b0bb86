import { describe, expect, it } from 'vitest';
import { parseStoreUrl, redact } from '../../src/server/backend.js';
import { startHubProcess } from '../support/hub-process.js';
import { freshDatabase } from '../support/pg.js';
import { tempDir } from '../support/temp-dir.js';
import { runCli } from './cli-process.js';

const serve = (...args: string[]) => runCli(['serve', '--port', '0', '--data', tempDir('baton-serve-'), ...args], { BATON_STORE_URL: undefined, BATON_NODE: undefined });

describe('baton serve --store', () => {
  it('store URL - pool is read and cut out; everything else reaches the driver exactly as written', () => {
    expect(parseStoreUrl('postgres://u@h:5432/db')).toEqual({ url: 'postgres://u@h:5432/db', poolSize: 10 });
    expect(parseStoreUrl('postgresql://u@h/db?pool=3')).toEqual({ url: 'postgresql://u@h/db', poolSize: 3 });
    expect(parseStoreUrl('postgres://u@h/db?pool=25&options=-c%20synchronous_commit%3Doff')).toEqual({
      url: 'postgres://u@h/db?options=-c%20synchronous_commit%3Doff',
      poolSize: 25,
    });
    expect(parseStoreUrl('postgres://u@h/db?sslmode=require&pool=2&application_name=x').url).toBe('postgres://u@h/db?sslmode=require&application_name=x');
  });

  it('store URL - anything else is refused naming what is wrong, and a password is never shown', () => {
    expect(() => parseStoreUrl('mysql://u@h/db')).toThrow("store: only postgres:// URLs are supported (got mysql://)");
    expect(() => parseStoreUrl('not a url')).toThrow("store: 'not a url' is not a URL");
    for (const pool of ['0', '1001', 'ten', '2.5']) expect(() => parseStoreUrl(`postgres://h/db?pool=${pool}`)).toThrow(`store: pool must be a whole number from 1 to 1000 (got '${pool}')`);
    expect(redact('postgres://baton:s3cret@db:5432/baton')).toBe('postgres://baton:***@db:5432/baton');
    expect(redact('postgres://baton@db/baton')).toBe('postgres://baton@db/baton');
  });

  it('a store that cannot be used stops the start with a clear message and exit 1, and no password in it', async () => {
    const bad = await serve('--store', 'mysql://root@127.0.0.1/x');
    expect([bad.code, bad.stderr.trim()]).toEqual([1, 'baton: store: only postgres:// URLs are supported (got mysql://); leave it out for the embedded SQLite files']);
    // Nothing listens on port 1.
    const down = await serve('--store', 'postgres://baton:hunter2@127.0.0.1:1/baton');
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^baton: store: cannot open postgres:\/\/baton:\*\*\*@127\.0\.0\.1:1\/baton: /);
    expect(down.stderr).not.toContain('hunter2');
    const named = await serve('--node', 'Not_A_Name');
    expect(named.code).toBe(1);
    expect(named.stderr).toContain("option '--node <name>' argument 'Not_A_Name' is invalid. must be 1-32 of a-z, 0-9 and '-'");
  });

  it('BATON_STORE_URL and BATON_NODE start a node on PostgreSQL; its MCP sessions carry the node name', async () => {
    const hub = await startHubProcess({ env: { BATON_STORE_URL: await freshDatabase(), BATON_NODE: 'envnode' } });
    const response = await fetch(`${hub.url}/mcp`, {
      method: 'POST',
      headers: { authorization: `Bearer ${hub.token}`, 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'probe', version: '1' } } }),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('mcp-session-id')).toMatch(/^envnode\.[0-9a-f-]{36}$/);
    await response.body?.cancel();
    await hub.stop();
  });
});
