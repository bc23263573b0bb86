import type { MessageView, ReadPage, WaitOutcome } from '../client/wire-types.js';
import { clock, indent, shown } from './format-text.js';

/** `m-1f  12:03  alice (s-4f9k2q)  ✅ Complete: X`, then the body indented. */
export function formatMessage(m: MessageView): string {
  const reply = m.reply_to ? `  ↩ ${m.reply_to}` : '';
  const head = `${m.id}  ${clock(m.timestamp)}  ${shown(m.sender)} (${m.sender_id})  ${shown(m.title) || '(no title)'}${reply}`;
  const body = shown(m.content).trimEnd();
  return body ? `${head}\n${indent(body)}` : head;
}

export function formatRead(page: ReadPage): string {
  const lines = page.messages.length ? page.messages.map(formatMessage) : [`no messages in #${page.channel}`];
  if (page.note) lines.push(`… ${page.note}`);
  lines.push(`(next cursor: ${page.next_cursor})`);
  return lines.join('\n');
}

export function formatWait(outcome: WaitOutcome, timeout: number | undefined): string {
  const where = outcome.channels.map((c) => `#${c}`).join(' ');
  if (outcome.messages.length === 0) {
    const why = outcome.closing ? 'the hub is stopping; wait again later' : `nothing new in ${where}${timeout !== undefined ? ` within ${timeout} s` : ''}`;
    return `${why} (next cursor: ${outcome.next_cursor})`;
  }
  return [...outcome.messages.map((m) => `#${m.channel}  ${formatMessage(m)}`), `(next cursor: ${outcome.next_cursor})`].join('\n');
}
