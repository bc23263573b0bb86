import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isBatonError } from '../../core/errors.js';
import type { Hub } from '../../hub/hub.js';
import { rawResponse } from '../http/raw-response.js';
import { channelPage } from './channel-page.js';
import { documentPage } from './document-page.js';
import type { Dashboard } from './dashboard.js';
import { PAGE_CSP, page, type Page } from './layout.js';
import { escapeHtml as esc } from './markdown.js';

/** Views of the dashboard that only its script draws; without it they offer the channels and documents. */
const APP_VIEWS: [path: string, title: string][] = [
  ['/handoffs', 'Handoffs'],
  ['/alerts', 'Alerts'],
  ['/sessions', 'Sessions'],
  ['/sessions/:id', 'Session'],
  ['/runs', 'Runs'],
  ['/runs/:id', 'Run'],
  ['/search', 'Search'],
];

/**
 * The dashboard's pages behind every web_url. Each is the dashboard's shell with a server-rendered
 * view inside (a channel at a message, a document), which the script replaces: a client without
 * script (an agent fetching a web_url) still reads the content.
 */
export function webPages(hub: Hub, dashboard: Dashboard | undefined, onUnexpected?: (error: unknown) => void): Hono {
  const app = new Hono();
  const { links } = hub.context;
  const html = (view: Page): string => (dashboard ? dashboard.shell(view.title, view.body) : page(view.title, view.body));
  app.use('*', async (c, next) => {
    await next();
    // A raw document keeps its own, stricter policy.
    const headers = c.res.headers;
    if (!headers.has('content-security-policy')) headers.set('content-security-policy', PAGE_CSP);
    headers.set('x-content-type-options', 'nosniff');
    headers.set('referrer-policy', 'no-referrer');
  });
  app.onError((error, c) => {
    if (!isBatonError(error)) onUnexpected?.(error);
    const message = isBatonError(error) ? error.message : 'the hub could not show this page (details are in its log)';
    const status = (isBatonError(error) ? error.status : 500) as ContentfulStatusCode;
    return c.html(html({ title: 'Error', body: `<h1>Not shown</h1><p>${esc(message)}</p>` }), status);
  });

  app.get('/', async (c) => {
    const channels = await hub.channels.list();
    const items = channels.map((ch) => `<li><a href="${esc(ch.web_url)}">#${esc(ch.name)}</a> ${esc(ch.description)}</li>`);
    return c.html(html({ title: 'Channels', body: `<h1>Channels</h1><ul>${items.join('')}</ul><p><a href="${links.base}/docs">Documents</a></p>` }));
  });
  for (const [path, title] of APP_VIEWS) {
    app.get(path, (c) => c.html(html({ title, body: `<p>This view needs script. <a href="${links.base}/">Channels</a> · <a href="${links.base}/docs">Documents</a></p>` })));
  }
  app.get('/c/:channel', async (c) => c.html(html(await channelPage(hub, c.req.param('channel'), c.req.query('since')))));
  app.get('/m/:id', async (c) => {
    const message = await hub.messages.get(c.req.param('id'));
    return c.redirect(`${links.channel(message.channel)}?since=${message.seq - 1}#${message.id}`, 302);
  });
  app.get('/docs', async (c) => {
    const listing = await hub.documents.list({ folder_path: c.req.query('folder') ?? '', recursive: true, limit: 500 });
    const items = listing.documents.map((d) =>
      d.is_folder ? '' : `<li><a href="${esc(d.web_url)}">${esc(d.path)}</a> <span class="meta">v${d.version}, ${d.size} bytes</span></li>`,
    );
    return c.html(html({ title: 'Documents', body: `<h1>Documents</h1><ul>${items.join('')}</ul>` }));
  });
  app.get('/d/:id', async (c) => c.html(html(await documentPage(hub, c.req.param('id'), c.req.query('v')))));
  app.get('/d/:id/raw', async (c) => rawResponse(await hub.documents.open({ document_id: c.req.param('id'), version: c.req.query('v') }), c.req.raw));
  return app;
}
