import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { isBatonError } from '../../core/errors.js';
import type { Hub } from '../../hub/hub.js';
import { rawResponse } from '../http/raw-response.js';
import { channelPage } from './channel-page.js';
import { documentPage } from './document-page.js';
import { PAGE_CSP, page } from './layout.js';
import { escapeHtml as esc } from './markdown.js';

/** Minimal server-rendered pages behind every web_url: a channel at a message, a document. */
export function webPages(hub: Hub, onUnexpected?: (error: unknown) => void): Hono {
  const app = new Hono();
  const { links } = hub.context;
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
    return c.html(page('Error', `<h1>Not shown</h1><p>${esc(message)}</p>`), status);
  });

  app.get('/', async (c) => {
    const channels = await hub.channels.list();
    const items = channels.map((ch) => `<li><a href="${esc(ch.web_url)}">#${esc(ch.name)}</a> ${esc(ch.description)}</li>`);
    return c.html(page('Channels', `<h1>Channels</h1><ul>${items.join('')}</ul><p><a href="${links.base}/docs">Documents</a></p>`));
  });
  app.get('/c/:channel', async (c) => c.html(await channelPage(hub, c.req.param('channel'), c.req.query('since'))));
  app.get('/m/:id', async (c) => {
    const message = await hub.messages.get(c.req.param('id'));
    return c.redirect(`${links.channel(message.channel)}?since=${message.seq - 1}#${message.id}`, 302);
  });
  app.get('/docs', async (c) => {
    const listing = await hub.documents.list({ folder_path: c.req.query('folder') ?? '', recursive: true, limit: 500 });
    const items = listing.documents.map((d) =>
      d.is_folder ? '' : `<li><a href="${esc(d.web_url)}">${esc(d.path)}</a> <span class="meta">v${d.version}, ${d.size} bytes</span></li>`,
    );
    return c.html(page('Documents', `<h1>Documents</h1><ul>${items.join('')}</ul>`));
  });
  app.get('/d/:id', async (c) => c.html(await documentPage(hub, c.req.param('id'), c.req.query('v'))));
  app.get('/d/:id/raw', async (c) => rawResponse(await hub.documents.open({ document_id: c.req.param('id'), version: c.req.query('v') }), c.req.raw));
  return app;
}
