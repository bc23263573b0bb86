import type { Message } from '../domain/types.js';

/** Roughly what a message costs in a JSON result: its text plus the fixed fields around it. */
const OVERHEAD_CHARS = 220;
export const costOf = (m: Message): number => m.title.length + m.body.length + OVERHEAD_CHARS;

export interface Fitted {
  messages: Message[];
  /** How many were left out to stay within the budget. */
  leftOut: number;
  /** The message whose body was cut to fit, if one was. */
  cut?: string;
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
  let cut: string | undefined;
  for (const m of ordered) {
    if (kept.length > 0 && used + costOf(m) > maxChars) break;
    const fitted = kept.length === 0 ? cutBody(m, maxChars) : m;
    if (fitted !== m) cut = m.id;
    kept.push(fitted);
    used += costOf(m);
  }
  const fitted = { messages: keep === 'oldest' ? kept : kept.reverse(), leftOut: messages.length - kept.length };
  return cut ? { ...fitted, cut } : fitted;
}

function cutBody(m: Message, maxChars: number): Message {
  let room = Math.max(0, maxChars - OVERHEAD_CHARS - m.title.length);
  if (m.body.length <= room) return m;
  // Never end on half of a surrogate pair: a lone surrogate is not valid text for a client.
  if (/[\uD800-\uDBFF]/.test(m.body.charAt(room - 1))) room -= 1;
  return { ...m, body: `${m.body.slice(0, room)}\n…[cut: ${m.body.length - room} more characters; open web_url for all of it]` };
}
