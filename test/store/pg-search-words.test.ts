import { describe, expect, it } from 'vitest';
import { fullTextQuery } from '../../src/domain/search-query.js';
import { searchSnippet } from '../../src/domain/search-snippet.js';
import { foldWord, searchTerms, searchWords, writtenWords } from '../../src/domain/search-words.js';

/** Queries as the hub builds them from what a person typed. */
const terms = (typed: string) => searchTerms(fullTextQuery(typed)!);

/** Text no query should be able to turn into syntax, an empty query or a match of everything. */
const HOSTILE = [
  '',
  ' ',
  '"',
  '""',
  '"""',
  '"a',
  'a"',
  '\\',
  '\\"',
  "'",
  "''",
  "a'b",
  ':',
  ':*',
  'a:*',
  '&',
  '|',
  '!',
  '!a',
  '(',
  ')',
  '()',
  '(((',
  '&|!():*',
  'a & b',
  'a | b',
  'a <-> b',
  '<->',
  '<2>',
  '*',
  '**',
  '"*"*',
  'NEAR(x y)',
  'title:secret',
  "'; DROP TABLE messages; --",
  '^start',
  '🚀',
  '🚀🔥💥',
  '— … · •',
  '\u0000',
  '\u200b',
  '\ud800',
  'x'.repeat(5000),
  'é'.repeat(3000),
  '"a"" "b"*',
  '"a"* "b"',
];

describe('search words: folding', () => {
  it('lower-cases, removes diacritics and splits on anything but letters and digits', () => {
    expect(searchWords('Café CRÈME, naïve—Straße! déjà-vu 42x')).toEqual(['cafe', 'creme', 'naive', 'straße', 'deja', 'vu', '42x']);
  });

  it('folds decomposed text as composed text, and compatibility forms to their letters', () => {
    expect(searchWords('cafe\u0301')).toEqual(['cafe']);
    expect(searchWords('ﬁle ℌello İstanbul')).toEqual(['file', 'hello', 'istanbul']);
    expect(foldWord('½')).toEqual(['1', '2']);
  });

  it('keeps letters of every script and drops what is neither letter nor digit', () => {
    expect(searchWords('東京 Москва ΑΘΗΝΑ')).toEqual(['東京', 'москва', 'αθηνα']);
    expect(searchWords('🚀 ✅ -- ... \u0000 \u200b')).toEqual([]);
    expect(searchWords('')).toEqual([]);
  });

  it('knows where each written word is, marks and all', () => {
    const text = 'Dé\u0301jà vu';
    expect([...writtenWords(text)].map((w) => text.slice(w.start, w.end))).toEqual(['Dé\u0301jà', 'vu']);
  });
});

describe('search words: queries', () => {
  it('reads the quoted words the hub builds, the last one as a prefix', () => {
    expect(terms('billing Cluster migr')).toEqual([
      { words: ['billing'], prefix: false },
      { words: ['cluster'], prefix: false },
      { words: ['migr'], prefix: true },
    ]);
  });

  it('reads a quote inside a word, and a word that folds to several as a phrase', () => {
    expect(searchTerms('"say""hi" "foo-bar.baz"*')).toEqual([
      { words: ['say', 'hi'], prefix: false },
      { words: ['foo', 'bar', 'baz'], prefix: true },
    ]);
    expect(terms('"quoted"')).toEqual([{ words: ['quoted'], prefix: true }]);
  });

  it('reads anything not in that form as plain words, none of them a prefix', () => {
    expect(searchTerms('a OR b*')).toEqual(['a', 'or', 'b'].map((w) => ({ words: [w], prefix: false })));
    expect(searchTerms('"a"* "b"')).toEqual(['a', 'b'].map((w) => ({ words: [w], prefix: false })));
    expect(searchTerms('"unbalanced')).toEqual([{ words: ['unbalanced'], prefix: false }]);
    expect(searchTerms('"a"  "b"')).toEqual(['a', 'b'].map((w) => ({ words: [w], prefix: false })));
  });

  it('leaves out words that fold to nothing, so punctuation alone is an empty query', () => {
    expect(terms('-- deploy !!')).toEqual([{ words: ['deploy'], prefix: false }]);
    expect(terms('*')).toEqual([]);
    expect(searchTerms('')).toEqual([]);
  });

  it('never throws on hostile input, and yields only folded letters and digits', () => {
    for (const text of HOSTILE) {
      for (const match of [text, fullTextQuery(text)].filter((m) => m !== undefined)) {
        const found = searchTerms(match);
        for (const term of found) {
          expect(term.words.length, match).toBeGreaterThan(0);
          for (const word of term.words) expect(word, match).toMatch(/^[\p{L}\p{N}]+$/u);
        }
      }
    }
  });

  it('reads a very long query (a quadratic reader would not finish within the test timeout)', () => {
    expect(searchTerms(`"${'""'.repeat(50_000)}`)).toBeDefined();
    expect(searchTerms(`${'"a" '.repeat(50_000)}"b`).length).toBeGreaterThan(0);
  });
});

describe('search words: snippets', () => {
  it('marks the matched words in the field where they are, keeping the text as written', () => {
    expect(searchSnippet(['🚀 Starting: migration', 'moving the billing tables to the new cluster'], terms('billing'))).toBe(
      'moving the «billing» tables to the new cluster',
    );
    expect(searchSnippet(['🚀 Starting: migration', 'moving the billing tables'], terms('migr'))).toBe('🚀 Starting: «migration»');
  });

  it('shows diacritics of the text even when the query had none, and the other way round', () => {
    expect(searchSnippet(['', 'un café crème'], terms('cafe'))).toBe('un «café» crème');
    expect(searchSnippet(['', 'a cafe au lait'], terms('café'))).toBe('a «cafe» au lait');
    expect(searchSnippet(['', 'cafe\u0301s'], terms('CAFÉS'))).toBe('«cafe\u0301s»');
  });

  it('marks a phrase as one, and a prefix on its last word', () => {
    expect(searchSnippet(['x foo-bar y foo bar z'], searchTerms('"foo-bar"'))).toBe('x «foo-bar» y «foo bar» z');
    expect(searchSnippet(['see plans/rollout.md'], terms('rollout.m'))).toBe('see plans/«rollout.md»');
  });

  it('cuts long text to about sixteen words around the matches, with … where it was cut', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    words[30] = 'needle';
    const snippet = searchSnippet([words.join(' ')], terms('needle'));
    expect(snippet).toBe('…w26 w27 w28 w29 «needle» w31 w32 w33 w34 w35 w36 w37 w38 w39 w40 w41…');
    expect(searchSnippet([words.slice(0, 20).join(' ') + ' needle.'], terms('needle'))).toBe(`…${words.slice(5, 20).join(' ')} «needle».`);
    expect(searchSnippet(['needle ' + words.join(' ')], terms('needle'))).toBe(`«needle» ${words.slice(0, 15).join(' ')}…`);
  });

  it('prefers the window that holds the most matches', () => {
    const words = Array.from({ length: 60 }, (_, i) => `w${i}`);
    words[5] = 'alpha';
    words[40] = 'alpha';
    words[44] = 'beta';
    expect(searchSnippet([words.join(' ')], terms('alpha beta'))).toBe(`…w36 w37 w38 w39 «alpha» w41 w42 w43 «beta» w45 w46 w47 w48 w49 w50 w51…`);
  });

  it('falls back to the start of the text when nothing can be marked', () => {
    expect(searchSnippet(['', 'nothing here matches'], terms('zzz'))).toBe('nothing here matches');
    expect(searchSnippet(['', ''], terms('zzz'))).toBe('');
    expect(searchSnippet(['🚀'], [])).toBe('');
  });

  it('never throws on hostile text or queries, and never marks a word the query does not hold', () => {
    const texts = [...HOSTILE, 'plain words only', HOSTILE.join(' ')];
    for (const query of HOSTILE) {
      for (const text of texts) {
        const snippet = searchSnippet([text, text], searchTerms(query));
        expect(typeof snippet).toBe('string');
        if (searchTerms(query).length === 0) expect(snippet, query).not.toContain('«');
      }
    }
  });

  it('cuts a long text (1.8 MB) to a snippet', () => {
    const text = Array.from({ length: 150_000 }, (_, i) => `word${i % 997} café`).join(' ');
    const snippet = searchSnippet(['doc.md', text], terms('word996 cafe'));
    expect(snippet).toContain('«word996»');
    expect(snippet).toContain('«café»');
  });
});
