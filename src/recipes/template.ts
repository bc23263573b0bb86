import { recipeError } from './recipe-error.js';
import { lookup, type Scope } from './scope.js';
import { jsonStructureOf, kindOf, renderValue } from './values.js';

/**
 * Templates are `{{name}}` or `{{a.b.c}}`, optionally piped through a filter: `{{x | truncate(500)}}`.
 * Segments may hold hyphens, so `{{steps.split-files.result}}` names a step. Nothing else is allowed
 * between the braces: a template is a lookup, never code.
 */
export interface Placeholder {
  /** As written, braces included, for error messages. */
  text: string;
  path: string[];
  filters: Filter[];
}

export interface Filter {
  name: 'truncate';
  limit: number;
}

export type TemplatePart = string | Placeholder;

/** What truncate appends when it cuts: one ellipsis character, so a cut text is at most limit + 1 characters. */
export const TRUNCATION_MARK = '…';

const PATH = /^\s*([A-Za-z0-9_][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_][A-Za-z0-9_-]*)*)\s*$/;
const FILTER = /^\s*([A-Za-z_]+)\s*(?:\(\s*([^()]*?)\s*\))?\s*$/;
const SHAPES = 'write {{name}}, {{a.b.c}} or {{name | truncate(500)}}';

export function parseTemplate(template: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let at = 0;
  while (at < template.length) {
    const open = template.indexOf('{{', at);
    if (open < 0) break;
    const close = template.indexOf('}}', open + 2);
    if (close < 0) throw recipeError(`unclosed {{ at character ${open + 1} of the template: ${SHAPES}`);
    if (open > at) parts.push(template.slice(at, open));
    parts.push(placeholder(template.slice(open, close + 2)));
    at = close + 2;
  }
  if (at < template.length) parts.push(template.slice(at));
  return parts;
}

export const placeholdersOf = (template: string): Placeholder[] =>
  parseTemplate(template).filter((part): part is Placeholder => typeof part !== 'string');

function placeholder(text: string): Placeholder {
  const [pathText, ...filterTexts] = text.slice(2, -2).split('|');
  const path = PATH.exec(pathText ?? '')?.[1];
  if (!path) throw recipeError(`malformed template ${text}: ${SHAPES}`);
  return { text, path: path.split('.'), filters: filterTexts.map((f) => filter(f, text)) };
}

function filter(raw: string, text: string): Filter {
  const match = FILTER.exec(raw);
  if (!match) throw recipeError(`malformed filter in ${text}: ${SHAPES}`);
  const [, name, arg] = match;
  if (name !== 'truncate') throw recipeError(`unknown filter '${name}' in ${text}: the filters are truncate(n)`);
  if (arg === undefined || !/^\d{1,9}$/.test(arg)) throw recipeError(`truncate in ${text} needs a whole number of characters, like truncate(500)`);
  return { name, limit: Number(arg) };
}

/** Cuts text to `limit` characters (code points, so no surrogate pair is split) and marks the cut. */
export function truncate(text: string, limit: number): string {
  const chars = Array.from(text);
  return chars.length > limit ? `${chars.slice(0, limit).join('')}${TRUNCATION_MARK}` : text;
}

function valueOf(part: Placeholder, scope: Scope): unknown {
  let value = lookup(scope, part.path);
  for (const f of part.filters) value = truncate(renderValue(value), f.limit);
  return value;
}

/** The template as text: every placeholder replaced by its value's text. */
export function render(template: string, scope: Scope): string {
  return parseTemplate(template)
    .map((part) => (typeof part === 'string' ? part : renderValue(valueOf(part, scope))))
    .join('');
}

/** The value itself when the whole template is one placeholder (a list stays a list); else the rendered text. */
export function resolve(template: string, scope: Scope): unknown {
  const single = singlePlaceholder(template);
  return single ? valueOf(single, scope) : render(template, scope);
}

/** The one placeholder a template consists of (surrounding blanks aside), if it is just that. */
export function singlePlaceholder(template: string): Placeholder | null {
  const parts = parseTemplate(template.trim());
  const [only] = parts;
  return parts.length === 1 && only !== undefined && typeof only !== 'string' ? only : null;
}

/** A foreach's list: the value itself, or the list a JSON text holds. Anything else is an error naming the template. */
export function resolveList(template: string, scope: Scope): unknown[] {
  const value = resolve(template, scope);
  const list = typeof value === 'string' ? jsonStructureOf(value) : value;
  if (Array.isArray(list)) return list;
  throw recipeError(`${template.trim()} must resolve to a list, but it is ${kindOf(value)}`);
}
