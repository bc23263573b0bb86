import { Hono } from 'hono';
import type { Context } from 'hono';
import { iso } from '../../core/clock.js';
import { isBatonError } from '../../core/errors.js';
import type { Message } from '../../domain/types.js';
import type { Hub } from '../../hub/hub.js';
import { readRange } from '../../hub/document-content.js';
import { rawResponse } from '../http/routes-documents.js';
import { PAGE_CSP, page } from './layout.js';
import { escapeHtml as esc, renderMarkdown } from './markdown.js';

/** The largest document rendered inline on its page; bigger ones are offered as a download only. */
const PREVIEW_BYTES = 1024 * 1024;
const PAGE_MESSAGES = 50;

/** Minimal server-rendered pages behind every web_url: a channel at a message, a document. */
export function webPages(hub: Hub): Hono {
  const app = new Hono();
  const { store } = hub.context;
  app.use('*', async (c, next) => {
    await next();
    c.header('content-security-policy', c.res.headers.get('content-security-policy') ?? PAGE_CSP);
    c.header('x-content-type-options', 'nosniff');
  });
  app.onError((error, c) => {
    const status = isBatonError(error) ? error.status : 500;
    return c.html(page('Error', `<h1>${esc(error.message)}</h1>`), status as 400);
  });

  app.get('/', async (c) => {
    const channels = await hub.channels.list();
    const items = channels.map((ch) => `<li><a href="/c/${encodeURIComponent(ch.name)}">#${esc(ch.name)}</a> ${esc(ch.description)}</li>`);
    return c.html(page('Channels', `<h1>Channels</h1><ul>${items.join('')}</ul><p><a href="/docs">Documents</a></p>`));
  });

  app.get('/c/:channel', async (c) => {
    const channel = await hub.channels.resolve(c.req.param('channel'));
    const since = Number(c.req.query('since'));
    const messages = Number.isSafeInteger(since) && since >= 0
      ? await store.messages.after({ channelIds: [channel.id], after: since, limit: PAGE_MESSAGES })
      : await store.messages.latest(channel.id, PAGE_MESSAGES);
    const list = messages.map(messageHtml).join('') || '<p>No messages yet.</p>';
    return c.html(page(`#${channel.name}`, `<h1>#${esc(channel.name)}</h1><p class="meta">${esc(channel.description)}</p>${list}`));
  });

  app.get('/m/:id', async (c) => {
    const message = await hub.messages.get(c.req.param('id'));
    return c.redirect(`/c/${encodeURIComponent(message.channel)}?since=${message.seq - 1}#${message.id}`, 302);
  });

  app.get('/docs', async (c) => {
    const listing = await hub.documents.list({ folder_path: c.req.query('folder') ?? '', recursive: true, limit: 500 });
    const items = listing.documents.map((d) => (!d.is_folder ? `<li><a href="/d/${d.id}">${esc(d.path)}</a> <span class="meta">v${d.version}, ${d.size} bytes</span></li>` : ''));
    return c.html(page('Documents', `<h1>Documents</h1><ul>${items.join('')}</ul>`));
  });

  app.get('/d/:id', async (c) => documentPage(hub, c));
  app.get('/d/:id/raw', async (c) => rawResponse(await hub.documents.open({ document_id: c.req.param('id'), version: c.req.query('v') })));
  return app;
}

function messageHtml(m: Message): string {
  const reply = m.replyTo ? ` · reply to <a href="#${m.replyTo}">${m.replyTo}</a>` : '';
  return `<article class="message" id="${m.id}">
<div class="meta">${esc(m.authorName)} (${m.authorId}) · <time>${iso(m.createdAt)}</time> · <a href="#${m.id}">${m.id}</a>${reply}</div>
${m.title ? `<strong>${esc(m.title)}</strong>` : ''}<div>${renderMarkdown(m.body)}</div></article>`;
}

async function documentPage(hub: Hub, c: Context): Promise<Response> {
  const opened = await hub.documents.open({ document_id: c.req.param('id'), version: c.req.query('v') });
  const { document, version } = opened;
  const versions = await hub.context.store.documents.versions(document.id);
  const raw = `/d/${document.id}/raw?v=${version.version}`;
  const rows = versions
    .map((v) => `<li><a href="/d/${document.id}?v=${v.version}">v${v.version}</a> ${esc(v.authorName)} (${v.authorId}) · ${iso(v.createdAt)} · ${v.size} bytes</li>`)
    .join('');
  const body = `<h1>${esc(document.path)}</h1>
<p class="meta">version ${version.version} of ${document.currentVersion} · ${esc(version.contentType)} · ${version.size} bytes ·
by ${esc(version.authorName)} (${version.authorId}) · sha256 ${version.sha256.slice(0, 12)}… · <a href="${raw}">download raw</a></p>
${await preview(opened)}<h2>Versions</h2><ol>${rows}</ol>`;
  return c.html(page(document.name, body));
}

async function preview(opened: Awaited<ReturnType<Hub['documents']['open']>>): Promise<string> {
  const { version } = opened;
  if (version.size > PREVIEW_BYTES) return '<p>Too large to preview; download it instead.</p>';
  const type = version.contentType;
  if (type.startsWith('image/')) return `<p><img src="/d/${version.documentId}/raw?v=${version.version}" alt=""></p>`;
  if (!/^text\/|json|yaml|xml|javascript/.test(type)) return '<p>No preview for this type; download it instead.</p>';
  const text = (await readRange(opened.open())).toString('utf8');
  return /markdown/.test(type) ? `<div class="doc">${renderMarkdown(text)}</div>` : `<pre>${esc(text)}</pre>`;
}
