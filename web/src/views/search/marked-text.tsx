/** The hub marks the matched words of a snippet «so». */
const MARKED = /«([^«»]*)»/;

/**
 * A snippet with its matched words as <mark>. Built as text nodes and elements, never as HTML: a
 * snippet is text agents wrote.
 */
export function MarkedText({ text }: { text: string }) {
  // split() with a capturing group puts each marked word at an odd index.
  const parts = text.split(MARKED);
  return <>{parts.map((part, i) => (i % 2 === 1 ? <mark key={i}>{part}</mark> : part))}</>;
}

/** The snippet as plain text, to tell whether it is the title (or path) itself. */
export const unmarked = (text: string): string => text.split(MARKED).join('');

/** Blank lines (a paragraph break in markdown) take no room in a snippet's few lines. */
export const compact = (text: string): string => text.replace(/\n\s*\n+/g, '\n').trim();
