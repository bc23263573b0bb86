import { beforeAll, describe, expect, it } from 'vitest';
import { Api, expectRefusal } from '../http/http-client.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';

/** A browser's form post to /login; redirects are not followed, so the answer itself is seen. */
const logIn = (hub: HubProcess, token: string, next?: string): Promise<Response> =>
  fetch(`${hub.url}/login`, {
    method: 'POST',
    body: new URLSearchParams({ token, ...(next !== undefined ? { next } : {}) }),
    redirect: 'manual',
  });

/** A browser's request carrying only the login cookie. */
const withCookie = (hub: HubProcess, path: string, secret: string, init: RequestInit = {}): Promise<Response> =>
  fetch(`${hub.url}${path}`, { ...init, headers: { ...init.headers, cookie: `baton_token=${secret}` }, redirect: 'manual' });

/** The value of the form's hidden `next` field. */
const nextField = (html: string): string | undefined => /<input type="hidden" name="next" value="([^"]*)">/.exec(html)?.[1];

describe('the login page', () => {
  let hub: HubProcess;
  let viewer: string;
  beforeAll(async () => {
    hub = await startHubProcess();
    const created = await new Api(hub.url).post('/api/v1/tokens', { role: 'viewer', name: 'browser' });
    viewer = created.json.secret as string;
  });

  it('GET /login - a form that posts a token back to /login, and no token is needed to see it', async () => {
    const response = await fetch(`${hub.url}/login?next=/c/general`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(response.headers.get('content-security-policy')).toContain("form-action 'self'");
    const html = await response.text();
    expect(html).toContain('<form method="post" action="/login">');
    expect(html).toMatch(/<input type="password" name="token"[^>]*required/);
    expect(nextField(html)).toBe('/c/general');
  });

  it('a page without a token - sends the browser to /login, remembering where it was going', async () => {
    const response = await fetch(`${hub.url}/c/general?since=3`, { redirect: 'manual' });
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe(`/login?next=${encodeURIComponent('/c/general')}`);
  });

  it('POST /login with a wrong token - 401 with the form again, and no cookie', async () => {
    const response = await logIn(hub, 'baton_wrong', '/c/general');
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toEqual([]);
    const html = await response.text();
    expect(html).toContain('<p role="alert">token: not valid (unknown or revoked)</p>');
    expect(nextField(html)).toBe('/c/general');
  });

  it('POST /login with no token - 401, not a crash', async () => {
    const response = await fetch(`${hub.url}/login`, { method: 'POST', body: new URLSearchParams({}), redirect: 'manual' });
    expect(response.status).toBe(401);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('POST /login with a form over 16 KiB - 413 before the body is read, declared or chunked', async () => {
    const padded = new URLSearchParams({ token: viewer, next: '/', pad: 'a'.repeat(20_000) }).toString();
    const declared = await fetch(`${hub.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: padded,
      redirect: 'manual',
    });
    expect(declared.status).toBe(413);
    expect(declared.headers.getSetCookie()).toEqual([]);
    expect(await declared.text()).toContain('the form is over 16384 bytes');
    const bytes = new TextEncoder().encode(padded);
    const chunked = await fetch(`${hub.url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(bytes.subarray(0, 10_000));
          controller.enqueue(bytes.subarray(10_000));
          controller.close();
        },
      }),
      duplex: 'half',
      redirect: 'manual',
    } as RequestInit);
    expect(chunked.status).toBe(413);
    expect(chunked.headers.getSetCookie()).toEqual([]);
  });

  it('POST /login with a valid token - 303 to next, with an HttpOnly, SameSite=Strict cookie', async () => {
    const response = await logIn(hub, viewer, '/c/general');
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/c/general');
    const cookies = response.headers.getSetCookie();
    expect(cookies).toHaveLength(1);
    const attributes = cookies[0]!.split(/;\s*/);
    expect(attributes[0]).toBe(`baton_token=${viewer}`);
    expect(attributes).toContain('HttpOnly');
    expect(attributes).toContain('SameSite=Strict');
    expect(attributes).toContain('Path=/');
    expect(attributes, 'a plain-http hub cannot set a Secure cookie').not.toContain('Secure');
  });

  it('POST /login from another site - 403, no cookie: a page elsewhere cannot log a visitor in with its own token', async () => {
    const response = await fetch(`${hub.url}/login`, {
      method: 'POST',
      body: new URLSearchParams({ token: viewer, next: '/c/general' }),
      headers: { 'sec-fetch-site': 'cross-site' },
      redirect: 'manual',
    });
    expect(response.status).toBe(403);
    expect(response.headers.getSetCookie()).toEqual([]);
  });

  it('POST /login without next - goes to the channels', async () => {
    const response = await logIn(hub, viewer);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
  });

  it.each([
    ['//evil.example', 'a protocol-relative URL'],
    ['https://evil.example/c/general', 'an absolute URL'],
    ['/\\evil.example', 'a backslash browsers read as a slash'],
    ['/\t/evil.example', 'a tab browsers drop, leaving //evil.example'],
    ['/\n/evil.example', 'a newline browsers drop'],
    ['/c/general\r\nset-cookie: planted=1', 'a header break'],
    ['javascript:alert(1)', 'a script URL'],
    ['c/general', 'a relative path'],
  ])('next=%j (%s) - goes to / instead', async (next) => {
    const response = await logIn(hub, viewer, next);
    expect(response.status).toBe(303);
    expect(response.headers.get('location')).toBe('/');
    expect(response.headers.getSetCookie()).toHaveLength(1);
    const form = await fetch(`${hub.url}/login?next=${encodeURIComponent(next)}`);
    expect(nextField(await form.text())).toBe('/');
  });

  it('next - a local path with a query and non-ASCII text is kept', async () => {
    const response = await logIn(hub, viewer, '/docs?folder=notes/été');
    expect(response.status).toBe(303);
    expect(new URL(response.headers.get('location')!, hub.url).href).toBe(new URL('/docs?folder=notes/été', hub.url).href);
  });

  it('the cookie - opens pages', async () => {
    for (const path of ['/', '/c/general', '/docs']) {
      const response = await withCookie(hub, path, viewer);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type')).toContain('text/html');
    }
  });

  it('the cookie - opens API reads for the dashboard, hub-wide ones too', async () => {
    const api = await withCookie(hub, '/api/v1/channels', viewer);
    expect(api.status).toBe(200);
    const hubWide = await withCookie(hub, '/api/v1/whoami/token', viewer);
    expect(hubWide.status).toBe(200);
    expect(((await hubWide.json()) as { token: { role: string } }).token.role).toBe('viewer');
  });

  it('the cookie - an API write needs X-Requested-With besides (no page on another site can send it); MCP refuses the cookie', async () => {
    const write = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'cookie-person', kind: 'human' }) };
    const bare = await withCookie(hub, '/api/v1/sessions', viewer, write);
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { code: string }).code).toBe('unauthenticated');
    const dashboard = await withCookie(hub, '/api/v1/sessions', viewer, { ...write, headers: { ...write.headers, 'x-requested-with': 'baton-dashboard' } });
    expect(dashboard.status).toBe(201);
    const mcp = await withCookie(hub, '/mcp', viewer, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
    });
    expect(mcp.status).toBe(401);
  });

  it('the cookie - of a revoked token sends the browser back to /login', async () => {
    const created = await new Api(hub.url).post('/api/v1/tokens', { role: 'viewer', name: 'lost-laptop' });
    const secret = created.json.secret as string;
    expect((await logIn(hub, secret)).status).toBe(303);
    expect((await withCookie(hub, '/c/general', secret)).status).toBe(200);
    expect((await new Api(hub.url).call('DELETE', `/api/v1/tokens/${created.json.token.id}`)).status).toBe(200);
    const after = await withCookie(hub, '/c/general', secret);
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toMatch(/^\/login\?next=/);
  });

  it('the cookie - is Secure when the hub is reached over https', async () => {
    const behindTls = await startHubProcess({ args: ['--public-url', 'https://hub.example'] });
    const created = await new Api(behindTls.url).post('/api/v1/tokens', { role: 'viewer' });
    const response = await logIn(behindTls, created.json.secret as string);
    expect(response.status).toBe(303);
    expect(response.headers.getSetCookie()[0]!.split(/;\s*/)).toContain('Secure');
  });

  it('the bearer header - opens pages too, without a cookie', async () => {
    const response = await fetch(`${hub.url}/c/general`, { headers: { authorization: `Bearer ${viewer}` }, redirect: 'manual' });
    expect(response.status).toBe(200);
    expectRefusal(await new Api(hub.url, null).get('/api/v1/channels'), 401, 'unauthenticated');
  });
});
