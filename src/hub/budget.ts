import type { Message } from '../domain/types.js';

/** Roughly what a message costs in a JSON result: its text plus the fixed fields around it. */
const OVERHEAD_CHARS = 220;
export const costOf = (m: Message): number => m.title.length + m.body.length + OVERHEAD_CHARS;

export interface Fitted {
  messages: Message[];
  /** How many were left out to stay within the budget. */
  leftOut: number;
}

/**
 * Keeps as many messages as fit in maxChars. Ascending reads keep the oldest (the rest follow by
 * cursor); "latest" reads keep the newest. At least one message always goes out, its body cut if it
 * alone is too long, so paging can never stall.
 */
export function fitToBudget(messages: Message[], maxChars: number, keep: 'oldest' | 'newest'): Fitted {
  const ordered = keep === 'oldest' ? messages : [...messages].reverse();
  const kept: Message[] = [];
  let used = 0;
  for (const m of ordered) {
    if (kept.length > 0 && used + costOf(m) > maxChars) break;
    kept.push(kept.length === 0 ? cutBody(m, maxChars) : m);
    used += costOf(m);
  }
  return { messages: keep === 'oldest' ? kept : kept.reverse(), leftOut: messages.length - kept.length };
}

function cutBody(m: Message, maxChars: number): Message {
  const room = Math.max(0, maxChars - OVERHEAD_CHARS - m.title.length);
  if (m.body.length <= room) return m;
  return { ...m, body: `${m.body.slice(0, room)}\n…[cut: ${m.body.length - room} more characters; open web_url for all of it]` };
}
