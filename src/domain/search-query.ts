/**
 * A person's search words as a full-text query: every word must match (the last one as a prefix, so a
 * search box finds as it is typed), each quoted so no input is read as query syntax.
 */
export function fullTextQuery(text: string): string | undefined {
  const words = text.split(/\s+/).filter(Boolean).slice(0, 16);
  if (words.length === 0) return undefined;
  return words.map((w, i) => `"${w.replaceAll('"', '""')}"${i === words.length - 1 ? '*' : ''}`).join(' ');
}
