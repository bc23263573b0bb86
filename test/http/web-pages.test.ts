import { beforeAll, describe, expect, it } from 'vitest';
import { hubForFile } from './file-hub.js';
import { Api } from './http-client.js';
import { authedFetch } from '../support/hub-tokens.js';

/** Payloads that would run script if any of them reached a page unescaped. */
const XSS = [
  '<script>alert("xss")</script>',
  '<img src=x onerror=alert(1)>',
  '[click me](javascript:alert(1))',
  '<a href="javascript:alert(1)">link</a>',
  '<svg onload=alert(1)><circle/></svg>',
  '<iframe src="https://evil.example"></iframe>',
  '"><body onload=alert(1)>',
  '<a href="JaVaScRiPt:alert(1)">mixed case</a>',
  '<img src="data:image/svg+xml,<svg onload=alert(1)>">',
  '<style>body{display:none}</style>',
];

/** Tags in a page's main part that a browser would act on: script, embedded documents, handlers, script URLs. */
function activeMarkup(html: string): string[] {
  // Only what the hub drew inside <main>: the shell around it loads the dashboard's own script file.
  if (!html.includes('<main>') || !html.includes('</main>')) throw new Error(`no <main> in the page: ${html.slice(0, 200)}`);
  const main = html.slice(html.indexOf('<main>'), html.indexOf('</main>'));
  const found = new Set<string>();
  for (const tag of main.match(/<[a-z][^>]*>/gi) ?? []) {
    if (/^<(script|iframe|svg|object|embed|body|style|link|meta|base|form)\b/i.test(tag)) found.add(tag);
    if (/\son[a-z]+\s*=/i.test(tag.replace(/"[^"]*"|'[^']*'/g, '""'))) found.add(tag);
    if (/(href|src)\s*=\s*["']?\s*(javascript|vbscript|data:text)/i.test(tag)) found.add(tag);
  }
  return [...found];
}

describe('web pages behind web_url', () => {
  const hub = hubForFile();
  let api: Api;
  let author: string;
  beforeAll(async () => {
    api = new Api(hub().url);
    author = await api.session(XSS[0]!.slice(0, 40));
  });

  const page = async (url: string) => {
    const response = await authedFetch(url);
    return { response, html: await response.text() };
  };

  it('messages - a message web_url opens its channel at that message', async () => {
    await api.post('/api/v1/channels', { name: 'web-review' }, { session: author });
    await api.postMessage(author, 'web-review', 'before it');
    const target = await api.postMessage(author, 'web-review', '✅ Complete: the one', 'Results in **bold**');
    await api.postMessage(author, 'web-review', 'after it');
    const redirect = await authedFetch(target.web_url, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const location = new URL(redirect.headers.get('location')!, target.web_url);
    expect(location.pathname).toBe('/c/web-review');
    expect(location.hash).toBe(`#${target.id}`);
    const { response, html } = await page(location.href);
    expect(response.headers.get('content-type')).toContain('text/html');
    expect(html).toContain(`id="${target.id}"`);
    expect(html).toContain('✅ Complete: the one');
    expect(html).toContain('<strong>bold</strong>');
    expect(html).toContain('after it');
    expect(html).not.toContain('before it');
  });

  it('documents - a document web_url renders markdown as HTML with a raw-download link, and ?v=N shows that version', async () => {
    const first = await api.post('/api/v1/documents', { path: 'Amplifier/shared/pattern.md', content: '# Pattern\n\n- one\n- **two**' }, { session: author });
    await api.post('/api/v1/documents', { path: 'Amplifier/shared/pattern.md', content: '# Pattern v2' }, { session: author });
    const { response, html } = await page(first.json.document.web_url);
    expect(response.status).toBe(200);
    expect(html).toContain('<h1>Pattern v2</h1>');
    expect(html).toMatch(/href="[^"]*\/d\/d-[0-9a-z]+\/raw\?v=2"/);
    const old = await page(first.json.version.web_url);
    expect(old.html).toContain('<li><strong>two</strong></li>');
    const raw = old.html.match(/href="([^"]*\/raw\?v=1)"/)![1]!;
    expect(await (await authedFetch(raw)).text()).toBe('# Pattern\n\n- one\n- **two**');
  });

  it('pages - without a token a web_url sends the browser to /login and back, showing nothing of the page', async () => {
    const message = await api.postMessage(author, 'general', 'behind the login');
    const redirect = await fetch(message.web_url, { redirect: 'manual' });
    expect(redirect.status).toBe(303);
    expect(redirect.headers.get('location')).toBe(`/login?next=${encodeURIComponent(new URL(message.web_url).pathname)}`);
    expect(await redirect.text()).not.toContain('behind the login');
  });

  it("pages - every page is served with a Content-Security-Policy that runs only the hub's own script files, never inline script", async () => {
    const message = await api.postMessage(author, 'general', 'csp');
    const doc = await api.post('/api/v1/documents', { path: 'csp.md', content: 'x' }, { session: author });
    for (const url of [`${api.url}/`, `${api.url}/c/general`, `${api.url}/docs`, doc.json.document.web_url, `${message.web_url}`, `${api.url}/d/d-missing0000`]) {
      const response = await authedFetch(url);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("default-src 'none'");
      const scripts = csp.split(/;\s*/).filter((directive) => directive.startsWith('script-src'));
      expect(scripts, url).toEqual(["script-src 'self'"]);
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      await response.text();
    }
  });

  it('pages - XSS payloads in titles, bodies and author names never survive into a channel page', async () => {
    await api.post('/api/v1/channels', { name: 'xss' }, { session: author });
    for (const payload of XSS) await api.postMessage(author, 'xss', payload.slice(0, 250), payload);
    const { html } = await page(`${api.url}/c/xss`);
    expect(html).toContain('&lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;');
    expect(activeMarkup(html)).toEqual([]);
  });

  it('pages - XSS payloads in document names and content never survive into a document page', async () => {
    for (const [i, payload] of XSS.entries()) {
      const name = `xss/${i}-${payload.replace(/[/\\]/g, '|').slice(0, 60)}.md`;
      const doc = await api.post('/api/v1/documents', { path: name, content: `# Title ${payload}\n\n${payload}\n\n${payload}` }, { session: author });
      expect(doc.status, name).toBe(201);
      const { html } = await page(doc.json.document.web_url);
      expect(activeMarkup(html), name).toEqual([]);
    }
    const { html } = await page(`${api.url}/docs`);
    expect(activeMarkup(html)).toEqual([]);
  });

  it('pages - uploaded HTML and SVG are shown as text or an image, and their raw bytes are a sandboxed attachment', async () => {
    const html = await api.post('/api/v1/documents', { path: 'evil/page.html', content: XSS.join('\n'), content_type: 'text/html' }, { session: author });
    const shown = await page(html.json.document.web_url);
    expect(shown.html).toContain('<pre>&lt;script&gt;');
    expect(activeMarkup(shown.html)).toEqual([]);
    const svg = await api.post('/api/v1/documents', { path: 'evil/pic.svg', content: '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>' }, { session: author });
    expect(svg.json.document.content_type).toBe('image/svg+xml');
    const svgPage = await page(svg.json.document.web_url);
    expect(svgPage.html).toMatch(/<img src="[^"]*\/raw\?v=1" alt="">/);
    for (const id of [html.json.document.id, svg.json.document.id]) {
      const raw = await authedFetch(`${api.url}/d/${id}/raw`);
      expect(raw.headers.get('content-disposition')).toMatch(/^attachment;/);
      expect(raw.headers.get('content-security-policy')).toMatch(/^sandbox;/);
      expect(raw.headers.get('x-content-type-options')).toBe('nosniff');
      await raw.text();
    }
  });

  it('pages - unknown messages, documents and versions are 404 pages, and bad references 400, with nothing echoed raw', async () => {
    const missing = await page(`${api.url}/m/m-zzzzzz`);
    expect(missing.response.status).toBe(404);
    const doc = await page(`${api.url}/d/d-missing0000`);
    expect(doc.response.status).toBe(404);
    const traversal = await page(`${api.url}/d/..%2F..%2Fetc%2Fpasswd`);
    expect(traversal.response.status).toBe(400);
    const script = await page(`${api.url}/c/${encodeURIComponent('<script>alert(1)</script>')}`);
    expect(script.response.status).toBe(404);
    expect(activeMarkup(script.html)).toEqual([]);
    const created = await api.post('/api/v1/documents', { path: 'versions.md', content: 'x' }, { session: author });
    expect((await page(`${created.json.document.web_url}?v=7`)).response.status).toBe(404);
    expect((await page(`${created.json.document.web_url}?v=seven`)).response.status).toBe(400);
  });
});
