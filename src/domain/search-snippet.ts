import { writtenWords, type SearchTerm, type WrittenWord } from './search-words.js';

/** About as many words as a snippet shows, and how many of them come before the first match. */
const WINDOW = 16;
const LEAD = 4;

/** Written words first to last (inclusive) that a term matched. */
interface Span {
  first: number;
  last: number;
}

interface Field {
  text: string;
  words: WrittenWord[];
  spans: Span[];
  /** How many different terms matched here: the field a snippet comes from is the one most of them did. */
  termsFound: number;
}

/**
 * About sixteen words of the original text around the matches, matched words marked «so» and …
 * where text was cut, from the field (title or body, path or text) where the most query terms
 * matched. Words are shown as written, so a search for "cafe" shows «Café».
 */
export function searchSnippet(fields: string[], terms: SearchTerm[]): string {
  const read = fields.map((text) => readField(text, terms));
  const best = read.reduce<Field | undefined>((found, field) => (!found || field.termsFound > found.termsFound ? field : found), undefined);
  const shown = best && best.termsFound > 0 ? best : read.find((field) => field.words.length > 0);
  return shown ? render(shown) : '';
}

function readField(text: string, terms: SearchTerm[]): Field {
  const words = writtenWords(text);
  // Search words in a row, each with the written word it came from.
  const folded: string[] = [];
  const from: number[] = [];
  words.forEach((word, at) => {
    for (const value of word.folded) {
      folded.push(value);
      from.push(at);
    }
  });
  const spans: Span[] = [];
  let termsFound = 0;
  for (const term of terms) {
    const before = spans.length;
    for (let i = 0; i + term.words.length <= folded.length; i++) {
      if (matchesAt(folded, i, term)) spans.push({ first: from[i]!, last: from[i + term.words.length - 1]! });
    }
    if (spans.length > before) termsFound++;
  }
  return { text, words, spans: merged(spans), termsFound };
}

function matchesAt(folded: string[], i: number, { words, prefix }: SearchTerm): boolean {
  for (let k = 0; k < words.length; k++) {
    const value = folded[i + k]!;
    const found = prefix && k === words.length - 1 ? value.startsWith(words[k]!) : value === words[k];
    if (!found) return false;
  }
  return true;
}

/** Overlapping spans as one, in text order. */
function merged(spans: Span[]): Span[] {
  const out: Span[] = [];
  for (const span of [...spans].sort((a, b) => a.first - b.first)) {
    const previous = out.at(-1);
    if (previous && span.first <= previous.last) previous.last = Math.max(previous.last, span.last);
    else out.push({ ...span });
  }
  return out;
}

function render({ text, words, spans }: Field): string {
  const from = windowStart(words.length, spans);
  const to = Math.min(words.length, from + WINDOW) - 1;
  let out = from > 0 ? '…' : '';
  let at = from > 0 ? words[from]!.start : 0;
  for (const span of spans) {
    const first = Math.max(span.first, from);
    const last = Math.min(span.last, to);
    if (first > last) continue;
    out += `${text.slice(at, words[first]!.start)}«${text.slice(words[first]!.start, words[last]!.end)}»`;
    at = words[last]!.end;
  }
  const cut = to < words.length - 1;
  return out + text.slice(at, cut ? words[to]!.end : text.length) + (cut ? '…' : '');
}

/**
 * The first written word shown: of the start of the text and a few words before each match, the
 * one whose window holds the most matches (the earliest of equals), as SQLite's snippet does.
 */
function windowStart(count: number, spans: Span[]): number {
  const latest = Math.max(0, count - WINDOW);
  let best = { from: 0, holds: -1 };
  // Starts only grow, so the first span inside a window and the first past it only move forward.
  let inside = 0;
  let past = 0;
  for (const from of [0, ...spans.map((span) => Math.min(latest, Math.max(0, span.first - LEAD)))]) {
    while (inside < spans.length && spans[inside]!.first < from) inside++;
    while (past < spans.length && spans[past]!.first < from + WINDOW) past++;
    if (past - inside > best.holds) best = { from, holds: past - inside };
  }
  return best.from;
}
