import { beforeAll, describe, expect, it } from 'vitest';
import { authHeaders } from '../support/hub-tokens.js';
import { hubForFile } from './file-hub.js';
import { Api } from './http-client.js';

/** Names that would run script if they reached a page unescaped. */
const NAMES = ['<script>alert(1)</script>', '"><svg onload=alert(1)>', "'><img src=x onerror=alert(1)>", 'javascript:alert(1)'];

/**
 * Tags a browser would act on: script, svg, a handler attribute, a script URL. Escaped text is not a
 * tag. Only what the hub drew inside <main>: the shell around it loads the dashboard's own script file.
 */
function activeTags(html: string): string[] {
  if (!html.includes('<main>')) throw new Error(`no <main> in the page: ${html.slice(0, 200)}`);
  const main = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
  return (main.match(/<[a-z][^>]*>/gi) ?? []).filter(
    (tag) => /^<(script|svg|iframe)\b/i.test(tag) || /\son[a-z]+\s*=/i.test(tag) || /(href|src|action)\s*=\s*["']?\s*javascript:/i.test(tag),
  );
}

describe('XSS in names: channels, workspaces and the login page', () => {
  const hub = hubForFile();
  let api: Api;
  let session: string;
  beforeAll(async () => {
    api = new Api(hub().url);
    session = await api.session('namer');
  });

  const page = async (path: string) => {
    const response = await fetch(hub().url + path, { headers: authHeaders(hub().url), redirect: 'manual' });
    return { status: response.status, html: await response.text(), csp: response.headers.get('content-security-policy') ?? '' };
  };

  it('channel names - a payload is refused as a name, naming the field, and no channel is made', async () => {
    for (const name of NAMES) {
      const reply = await api.post('/api/v1/channels', { name }, { session });
      expect(reply.status).toBe(400);
      expect(reply.json).toMatchObject({ code: 'invalid_input', field: 'name' });
    }
    const { json } = await api.get('/api/v1/channels');
    expect(json.channels.map((c: { name: string }) => c.name)).toEqual(['general', 'alerts', 'handoffs']);
  });

  it('channel names - a payload in a channel page path comes back escaped in a 404 page with a no-inline-script policy', async () => {
    for (const name of NAMES) {
      const { status, html, csp } = await page(`/c/${encodeURIComponent(name)}`);
      expect(status).toBe(404);
      expect(activeTags(html)).toEqual([]);
      expect(csp).toContain("default-src 'none'");
      expect(csp).toContain("script-src 'self';");
    }
  });

  it('workspace names - a payload is refused as a name and a payload in a path is a JSON 404, never HTML', async () => {
    for (const name of NAMES) {
      const created = await api.post('/api/v1/workspaces', { name });
      expect(created.status).toBe(400);
      expect(created.json).toMatchObject({ code: 'invalid_input', field: 'name' });
      const response = await fetch(`${hub().url}/w/${encodeURIComponent(name)}/api/v1/channels`, { headers: authHeaders(hub().url) });
      expect(response.status).toBe(404);
      expect(response.headers.get('content-type')).toContain('application/json');
    }
  });

  it('login page - a payload in next is escaped in the form and never used as a redirect target off the hub', async () => {
    for (const next of [...NAMES, '//evil.example/x', '/\\evil.example']) {
      const { status, html } = await page(`/login?next=${encodeURIComponent(next)}`);
      expect(status).toBe(200);
      expect(activeTags(html)).toEqual([]);
      expect(html).not.toContain('evil.example');
    }
  });
});
