import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { webRoot } from '../../src/server/web-root.js';
import { hubForFile } from './file-hub.js';

const ASSETS = join(webRoot()!, 'assets');
const script = readdirSync(ASSETS).find((name) => name.endsWith('.js'))!;

describe("the dashboard's files and its log out", () => {
  const hub = hubForFile();
  const asset = (name: string, headers: Record<string, string> = {}) => fetch(`${hub().url}/assets/${name}`, { headers });

  it('assets - served to anyone, compressed as asked, cached for a year by their hashed name', async () => {
    const raw = readFileSync(join(ASSETS, script));
    const br = await asset(script, { 'accept-encoding': 'gzip, br' });
    expect(br.status).toBe(200);
    expect(br.headers.get('content-encoding')).toBe('br');
    expect(br.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    // fetch decodes the body by itself: what arrives must be the built file, byte for byte.
    expect(Buffer.from(await br.arrayBuffer()).equals(raw)).toBe(true);
    const gzip = await asset(script, { 'accept-encoding': 'gzip' });
    expect(gzip.headers.get('content-encoding')).toBe('gzip');
    expect(Buffer.from(await gzip.arrayBuffer()).equals(raw)).toBe(true);
    const plain = await asset(script, { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(raw)).toBe(true);
    const again = await asset(script, { 'if-none-match': br.headers.get('etag')! });
    expect(again.status).toBe(304);
  });

  it('assets - an unknown name is a JSON 404 naming it, never a page', async () => {
    const missing = await asset('nope-123.js');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ success: false, error: 'no asset nope-123.js', code: 'not_found' });
  });

  it('log out - forgets the cookie and goes to /login; from another site it is refused and the cookie stays', async () => {
    const out = await fetch(`${hub().url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: 'baton_token=x', 'sec-fetch-site': 'same-origin' } });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login');
    expect(out.headers.getSetCookie()[0]).toMatch(/^baton_token=;.*Max-Age=0/);
    const forged = await fetch(`${hub().url}/logout`, { method: 'POST', redirect: 'manual', headers: { cookie: 'baton_token=x', 'sec-fetch-site': 'cross-site' } });
    expect(forged.status).toBe(403);
    expect(await forged.json()).toMatchObject({ success: false, code: 'forbidden', error: "log out from this hub's own page" });
    expect(forged.headers.getSetCookie()).toEqual([]);
  });
});
