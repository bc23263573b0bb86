import type { Recipe } from './model.js';
import { recipeError, type RecipeError } from './recipe-error.js';
import { jsonStructureOf, kindOf } from './values.js';

/** The variables a template or condition can name: context keys, `steps`, the reserved variables, a step's locals. */
export type Scope = Readonly<Record<string, unknown>>;

/** Names the runner provides; a context key, input or output may not take them. */
export const RESERVED = ['recipe', 'session', 'step', 'steps'] as const;

/** A value known only when the recipe runs. Static checks stop walking when they reach it. */
export const DYNAMIC: unique symbol = Symbol('known when the recipe runs');

export interface ScopeParts {
  context: Record<string, unknown>;
  /** Each finished step's result, by step id: `{{steps.<id>.result}}`. */
  steps: Record<string, unknown>;
  recipe: Recipe;
  session: Record<string, unknown>;
  step: Record<string, unknown>;
  /** What lives only inside one step, like the foreach variable (`as`); it shadows the context. */
  locals?: Record<string, unknown>;
}

/** The scope a step's templates render in. Reserved names win over context keys of the same name. */
export function runScope(parts: ScopeParts): Scope {
  return { ...parts.context, ...parts.locals, steps: parts.steps, recipe: recipeVariable(parts.recipe), session: parts.session, step: parts.step };
}

/** `{{recipe.name}}` and friends. */
export const recipeVariable = (recipe: Recipe): Record<string, unknown> => ({
  name: recipe.name,
  description: recipe.description,
  version: recipe.version,
});

/**
 * The context a run starts with: declared inputs (null until given), then the recipe's context and
 * input defaults, then the caller's values, which win.
 */
export function startContext(recipe: Recipe, given: Record<string, unknown> = {}): Record<string, unknown> {
  const declared = Object.fromEntries(Object.keys(recipe.inputs).map((name) => [name, null]));
  return { ...declared, ...recipe.context, ...given };
}

/**
 * The value at a dotted path. `steps.<id>` and `steps.<id>.result` are the step's result;
 * `steps.<id>.<field>` is a field of it. A text holding a JSON object or list is read as one.
 * An undefined variable is an error naming it and what its level does have.
 */
export function lookup(scope: Scope, path: readonly string[]): unknown {
  const [head, ...rest] = path;
  if (head === undefined || !has(scope, head)) throw undefinedVariable(path, `the variables are ${namesOf(scope)}`);
  if (head === 'steps' && rest.length > 0) return lookupStep(scope.steps, path);
  return walk(scope[head], [head], rest, path);
}

function lookupStep(steps: unknown, path: readonly string[]): unknown {
  const id = path[1]!;
  if (!isRecord(steps) || !has(steps, id)) throw undefinedVariable(path, `steps has ${isRecord(steps) ? namesOf(steps) : 'nothing'}`);
  const rest = path.slice(2);
  const explicit = rest[0] === 'result';
  return walk(steps[id], explicit ? ['steps', id, 'result'] : ['steps', id], explicit ? rest.slice(1) : rest, path);
}

function walk(value: unknown, at: readonly string[], rest: readonly string[], path: readonly string[]): unknown {
  let current = value;
  const label = [...at];
  for (const segment of rest) {
    if (current === DYNAMIC) return DYNAMIC;
    current = field(typeof current === 'string' ? (jsonStructureOf(current) ?? current) : current, segment, label.join('.'), path);
    label.push(segment);
  }
  return current;
}

function field(container: unknown, segment: string, where: string, path: readonly string[]): unknown {
  if (Array.isArray(container)) {
    const index = /^\d+$/.test(segment) ? Number(segment) : -1;
    if (index >= 0 && index < container.length) return container[index];
    const items = container.length === 0 ? 'an empty list' : `a list; its items are 0 to ${container.length - 1}`;
    throw undefinedVariable(path, `${where} is ${items}`);
  }
  if (isRecord(container)) {
    if (has(container, segment)) return container[segment];
    throw undefinedVariable(path, `${where} has ${namesOf(container)}`);
  }
  throw undefinedVariable(path, `${where} is ${kindOf(container)}, not an object`);
}

const undefinedVariable = (path: readonly string[], available: string): RecipeError =>
  recipeError(`undefined variable ${path.join('.')}: ${available}`);

const MAX_NAMES = 30;

function namesOf(record: Readonly<Record<string, unknown>>): string {
  const names = Object.keys(record);
  if (names.length === 0) return 'nothing';
  const shown = names.slice(0, MAX_NAMES).join(', ');
  return names.length > MAX_NAMES ? `${shown} (and ${names.length - MAX_NAMES} more)` : shown;
}

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const has = (record: Readonly<Record<string, unknown>>, key: string): boolean => Object.hasOwn(record, key);
