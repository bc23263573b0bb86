import { recipeError, type RecipeError } from './recipe-error.js';

/** The pieces a condition is made of. `at` is the 0-based offset in the condition, for error messages. */
export type Token =
  | { kind: 'template'; text: string; at: number }
  | { kind: 'text'; text: string; at: number }
  | { kind: 'number'; value: number; at: number }
  | { kind: 'word'; word: Keyword; at: number }
  | { kind: 'compare'; op: CompareOp; at: number }
  | { kind: 'open' | 'close'; at: number };

export type Keyword = 'and' | 'or' | 'not' | 'true' | 'false' | 'none';
export type CompareOp = '==' | '!=' | '<' | '>' | '<=' | '>=';

const KEYWORDS = new Set<string>(['and', 'or', 'not', 'true', 'false', 'none']);
// Longest first, so `<=` is not read as `<` then `=`.
const OPERATORS: CompareOp[] = ['==', '!=', '<=', '>=', '<', '>'];
const NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/;
const WORD = /^[A-Za-z_][A-Za-z0-9_]*/;

export function tokenize(condition: string): Token[] {
  const tokens: Token[] = [];
  let at = 0;
  while (at < condition.length) {
    if (/\s/.test(condition[at]!)) {
      at += 1;
      continue;
    }
    const token = readToken(condition, at);
    tokens.push(token.token);
    at = token.end;
  }
  return tokens;
}

function readToken(source: string, at: number): { token: Token; end: number } {
  const rest = source.slice(at);
  const c = rest[0]!;
  if (rest.startsWith('{{')) return readTemplate(source, at);
  if (c === "'" || c === '"') return readText(source, at);
  if (c === '(' || c === ')') return { token: { kind: c === '(' ? 'open' : 'close', at }, end: at + 1 };
  const op = OPERATORS.find((o) => rest.startsWith(o));
  if (op) return { token: { kind: 'compare', op, at }, end: at + op.length };
  const number = NUMBER.exec(rest)?.[0];
  if (number) return { token: { kind: 'number', value: Number(number), at }, end: at + number.length };
  const word = WORD.exec(rest)?.[0];
  if (word) return readWord(word, at);
  if (c === '=') throw malformed(at, "a single '=' compares nothing; write ==");
  throw malformed(at, `unexpected '${c}'`);
}

function readTemplate(source: string, at: number): { token: Token; end: number } {
  const close = source.indexOf('}}', at + 2);
  if (close < 0) throw malformed(at, 'unclosed {{');
  return { token: { kind: 'template', text: source.slice(at, close + 2), at }, end: close + 2 };
}

/** A quoted text; a backslash keeps the next character as it is (so `'it\'s'` holds a quote). */
function readText(source: string, at: number): { token: Token; end: number } {
  const quote = source[at]!;
  let text = '';
  for (let i = at + 1; i < source.length; i += 1) {
    const c = source[i]!;
    if (c === quote) return { token: { kind: 'text', text, at }, end: i + 1 };
    if (c === '\\' && i + 1 < source.length) i += 1;
    text += source[i];
  }
  throw malformed(at, `unclosed ${quote}`);
}

function readWord(word: string, at: number): { token: Token; end: number } {
  const lower = word.toLowerCase();
  if (!KEYWORDS.has(lower)) {
    throw recipeError(`unknown word '${word}' at character ${at + 1}: write {{${word}}} for a variable, or quote it as text`);
  }
  return { token: { kind: 'word', word: lower as Keyword, at }, end: at + word.length };
}

export const malformed = (at: number, reason: string): RecipeError =>
  recipeError(`${reason} at character ${at + 1}`);
