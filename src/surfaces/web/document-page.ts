import { iso } from '../../core/clock.js';
import type { DocumentVersion } from '../../domain/types.js';
import { readRange } from '../../hub/document-content.js';
import type { Opened } from '../../hub/document-service.js';
import type { Hub } from '../../hub/hub.js';
import type { Links } from '../../hub/links.js';
import type { Page } from './layout.js';
import { escapeHtml as esc, renderMarkdown } from './markdown.js';

/** The largest document rendered inline on its page; bigger ones are offered as a download only. */
const PREVIEW_BYTES = 1024 * 1024;

/** A document at a version: markdown rendered as sanitized HTML, other text as text, a raw-download link, every version. */
export async function documentPage(hub: Hub, ref: string, version: string | undefined): Promise<Page> {
  const { links } = hub.context;
  const opened = await hub.documents.open({ document_id: ref, ...(version !== undefined ? { version } : {}) });
  const { document } = opened;
  const v = opened.version;
  const versions = await hub.context.store.documents.versions(document.id);
  const raw = rawUrl(links, v);
  const body = `<h1>${esc(document.path)}</h1>
<p class="meta">version ${v.version} of ${document.currentVersion} · ${esc(v.contentType)} · ${v.size} bytes ·
by ${esc(v.authorName)} (${v.authorId}) · ${iso(v.createdAt)} · sha256 ${v.sha256.slice(0, 12)}… · <a href="${raw}">download raw</a></p>
${await preview(opened, raw)}<h2>Versions</h2><ol>${versions.map((each) => versionItem(links, each)).join('')}</ol>`;
  return { title: document.name, body };
}

const rawUrl = (links: Links, v: DocumentVersion): string => `${links.base}/d/${v.documentId}/raw?v=${v.version}`;

const versionItem = (links: Links, v: DocumentVersion): string =>
  `<li><a href="${links.document(v.documentId, v.version)}">v${v.version}</a> ${esc(v.authorName)} (${v.authorId}) · ${iso(v.createdAt)} · ${v.size} bytes</li>`;

async function preview(opened: Opened, raw: string): Promise<string> {
  const { size, contentType: type } = opened.version;
  if (size > PREVIEW_BYTES) return '<p>Too large to preview; download it instead.</p>';
  // An image (SVG too) shown through <img> cannot run script; its raw URL is sandboxed besides.
  if (type.startsWith('image/')) return `<p><img src="${raw}" alt=""></p>`;
  if (!/^text\/|json|yaml|xml|javascript/.test(type)) return '<p>No preview for this type; download it instead.</p>';
  const text = size === 0 ? '' : (await readRange(opened.open())).toString('utf8');
  return /markdown/.test(type) ? `<div class="doc">${renderMarkdown(text)}</div>` : `<pre>${esc(text)}</pre>`;
}
