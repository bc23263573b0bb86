import { iso } from '../../core/clock.js';
import type { Message } from '../../domain/types.js';
import type { Hub } from '../../hub/hub.js';
import type { Links } from '../../hub/links.js';
import type { Page } from './layout.js';
import { escapeHtml as esc, renderMarkdown } from './markdown.js';

const PAGE_MESSAGES = 50;

/**
 * A channel: its latest messages, or the ones from a position on (`?since=`), which is where a
 * message's web_url lands, with that message highlighted by its anchor.
 */
export async function channelPage(hub: Hub, name: string, sinceRaw: string | undefined): Promise<Page> {
  const { store, links } = hub.context;
  const channel = await hub.channels.resolve(name);
  const since = /^\d{1,15}$/.test(sinceRaw ?? '') ? Number(sinceRaw) : undefined;
  const messages =
    since === undefined
      ? await store.messages.latest(channel.id, PAGE_MESSAGES)
      : await store.messages.after({ channelIds: [channel.id], after: since, limit: PAGE_MESSAGES });
  const list = messages.map((m) => messageHtml(m, links)).join('') || '<p>No messages here.</p>';
  const home = links.channel(channel.name);
  const later = since !== undefined && messages.length === PAGE_MESSAGES ? ` · <a href="${home}?since=${messages.at(-1)!.seq}">later messages</a>` : '';
  const nav = `<p class="meta"><a href="${home}">latest</a>${later}</p>`;
  return { title: `#${channel.name}`, body: `<h1>#${esc(channel.name)}</h1><p class="meta">${esc(channel.description)}</p>${nav}${list}${nav}` };
}

/** Titles are escaped and bodies sanitized: text written by an agent is data, never markup that runs. */
function messageHtml(m: Message, links: Links): string {
  const reply = m.replyTo ? ` · reply to <a href="${links.message(m.replyTo)}">${m.replyTo}</a>` : '';
  return `<article class="message" id="${m.id}">
<div class="meta">${esc(m.authorName)} (${m.authorId}) · <time>${iso(m.createdAt)}</time> · <a href="#${m.id}">${m.id}</a>${reply}</div>
${m.title ? `<strong>${esc(m.title)}</strong>` : ''}<div>${renderMarkdown(m.body)}</div></article>`;
}
