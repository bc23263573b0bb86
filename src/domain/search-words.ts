/**
 * Search words as every store compares them: letters and digits only, lower case, without
 * diacritics, so "Café" and "cafe" are one word. Folding happens here, before text reaches a
 * store, so an index needs no language support of its own.
 */

/** A word as written: letters and digits with the marks that sit on them (a decomposed "é" stays one word). */
const WRITTEN = /[\p{L}\p{N}\p{M}]+/gu;
const NOT_WORD = /[^\p{L}\p{N}]+/u;
const MARKS = /\p{M}/gu;
/** Most words: nothing to decompose, nothing to split. */
const ASCII = /^[a-zA-Z0-9]+$/;

/** A word of a text where it is written, and the search words it folds to (usually one). */
export interface WrittenWord {
  start: number;
  end: number;
  folded: string[];
}

/**
 * Folds one written word. Compatibility decomposition can turn one character into several words
 * (½ is 1⁄2), hence a list; lower-casing runs between two decompositions because either can
 * produce what the other removes (ℌ decomposes to H, İ lower-cases to i and a dot above).
 */
export function foldWord(written: string): string[] {
  if (ASCII.test(written)) return [written.toLowerCase()];
  const folded = written.normalize('NFKD').toLowerCase().normalize('NFKD').replace(MARKS, '');
  return folded.split(NOT_WORD).filter(Boolean);
}

/** The words of a text as written, in order, leaving out those that fold to nothing. */
export function writtenWords(text: string): WrittenWord[] {
  const words: WrittenWord[] = [];
  const fold = memoFold();
  for (const match of text.matchAll(WRITTEN)) {
    const folded = fold(match[0]);
    if (folded.length > 0) words.push({ start: match.index, end: match.index + match[0].length, folded });
  }
  return words;
}

/**
 * The search words of a text, in order. What the index is built from: it keeps no positions, and
 * skipping writtenWords' record per word makes it twice as fast.
 */
export function searchWords(text: string): string[] {
  const words: string[] = [];
  const fold = memoFold();
  for (const match of text.matchAll(WRITTEN)) for (const word of fold(match[0])) words.push(word);
  return words;
}

/** Distinct words remembered per text: the common ones repeat, the rest would only fill memory. */
const REMEMBERED = 2048;

/** foldWord remembering its answers for one text: words repeat, and decomposing is the slow part. */
function memoFold(): (written: string) => string[] {
  const folded = new Map<string, string[]>();
  return (written) => {
    let words = folded.get(written);
    if (words) return words;
    words = foldWord(written);
    if (folded.size < REMEMBERED) folded.set(written, words);
    return words;
  };
}

/** One word of a query: its search words in a row (a phrase when there are several), the last one maybe a prefix. */
export interface SearchTerm {
  words: string[];
  prefix: boolean;
}

/** `"word"`, with `""` for a quote inside (words never hold white space, so a quote then a space ends one). */
const TERM = '"(?:[^"\\s]|"")*"';
/** Terms separated by one space, only the last one maybe marked as a prefix with `*`. */
const FORMAT = new RegExp(`^${TERM}(?: ${TERM})*\\*?$`, 'u');
const TERMS = /"((?:[^"\s]|"")*)"/gu;

/**
 * The terms of a query built by fullTextQuery. Anything else is read as plain words, so no input is
 * ever query syntax. Words that fold to nothing (punctuation, emoji) are left out: an empty list
 * means the query can match nothing.
 */
export function searchTerms(match: string): SearchTerm[] {
  const written = quotedWords(match) ?? match.split(/\s+/).map((word) => ({ word, prefix: false }));
  return written.flatMap(({ word, prefix }) => {
    const words = searchWords(word);
    return words.length > 0 ? [{ words, prefix }] : [];
  });
}

function quotedWords(match: string): { word: string; prefix: boolean }[] | undefined {
  if (!FORMAT.test(match)) return undefined;
  const words = [...match.matchAll(TERMS)].map((found) => found[1]!.replaceAll('""', '"'));
  const prefix = match.endsWith('*');
  return words.map((word, i) => ({ word, prefix: prefix && i === words.length - 1 }));
}
