import { parseCondition, type Condition } from './condition-parse.js';
import type { CompareOp } from './condition-tokens.js';
import { isRecipeError, recipeError } from './recipe-error.js';
import type { Scope } from './scope.js';
import { render, resolve } from './template.js';
import { isTruthy, numberOf, renderValue } from './values.js';

/**
 * Decides a `condition`, `while_condition` or `break_when`. Errors (malformed, undefined variable,
 * values that cannot be ordered) name the step and the key when the caller gives them.
 */
export function evaluate(condition: string, scope: Scope, step: string | null = null, key = 'condition'): boolean {
  try {
    return truth(parseCondition(condition), scope);
  } catch (e) {
    throw isRecipeError(e) ? e.at(step, key) : e;
  }
}

function truth(node: Condition, scope: Scope): boolean {
  switch (node.kind) {
    case 'or':
      return truth(node.left, scope) || truth(node.right, scope);
    case 'and':
      return truth(node.left, scope) && truth(node.right, scope);
    case 'not':
      return !truth(node.operand, scope);
    case 'compare':
      return compare(node.op, operand(node.left, scope), operand(node.right, scope));
    default:
      return isTruthy(operand(node, scope).value);
  }
}

/** A side of a comparison. Quoted text is never a number, so `'1.10' == '1.1'` compares text. */
interface Operand {
  value: unknown;
  number: number | null;
}

function operand(node: Condition, scope: Scope): Operand {
  switch (node.kind) {
    case 'variable': {
      const value = resolve(node.placeholder.text, scope);
      return { value, number: numberOf(value) };
    }
    case 'text':
      return { value: render(node.template, scope), number: null };
    case 'literal':
      return { value: node.value, number: typeof node.value === 'number' ? node.value : null };
    default:
      return { value: truth(node, scope), number: null };
  }
}

function compare(op: CompareOp, a: Operand, b: Operand): boolean {
  if (op === '==') return same(a, b);
  if (op === '!=') return !same(a, b);
  const [x, y] = orderable(a, b);
  switch (op) {
    case '<':
      return x < y;
    case '>':
      return x > y;
    case '<=':
      return x <= y;
    case '>=':
      return x >= y;
  }
}

/**
 * Equal as numbers when both are numbers; as words when one side is a boolean (`True` is true);
 * `none` equals nothing or the word none; otherwise equal as text.
 */
function same(a: Operand, b: Operand): boolean {
  if (a.number !== null && b.number !== null) return a.number === b.number;
  if (isNull(a.value) || isNull(b.value)) return isNone(a.value) && isNone(b.value);
  if (typeof a.value === 'boolean' || typeof b.value === 'boolean') return word(a.value) === word(b.value);
  return renderValue(a.value) === renderValue(b.value);
}

const word = (value: unknown): string => renderValue(value).trim().toLowerCase();

const isNull = (value: unknown): boolean => value === null || value === undefined;

const isNone = (value: unknown): boolean => isNull(value) || ['', 'none', 'null'].includes(word(value));

function orderable(a: Operand, b: Operand): [number, number] | [string, string] {
  if (a.number !== null && b.number !== null) return [a.number, b.number];
  if (typeof a.value === 'string' && typeof b.value === 'string') return [a.value, b.value];
  throw recipeError(`cannot order ${shown(a.value)} and ${shown(b.value)}: < > <= >= need two numbers or two texts`);
}

const shown = (value: unknown): string => JSON.stringify(renderValue(value).slice(0, 60));
