import type { InputSpec, Recipe } from './model.js';
import { problemAt } from './positions.js';
import type { Problem } from './recipe-error.js';
import { isRecord, RESERVED } from './scope.js';

/** Input types and the values that fit them; the origin's recipes wrote string and boolean. */
const TYPES: Record<string, (value: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  text: (v) => typeof v === 'string',
  boolean: (v) => typeof v === 'boolean',
  bool: (v) => typeof v === 'boolean',
  number: (v) => typeof v === 'number',
  integer: (v) => Number.isInteger(v),
  int: (v) => Number.isInteger(v),
  list: Array.isArray,
  array: Array.isArray,
  object: isRecord,
  mapping: isRecord,
};

/** Declared inputs, and reserved names taken by the context. */
export function declarationProblems(recipe: Recipe): Problem[] {
  const problems: Problem[] = [];
  for (const [name, spec] of Object.entries(recipe.inputs)) {
    const report = (key: string, message: string) => problems.push(problemAt(recipe, null, `inputs.${name}.${key}`, message));
    if (spec.type !== null && !TYPES[spec.type]) report('type', `must be one of ${Object.keys(TYPES).join(', ')}, not "${spec.type}"`);
    else if ('default' in spec && spec.default !== null && !fits(spec, spec.default)) report('default', `must be ${spec.type}, like the input's type`);
  }
  for (const name of [...Object.keys(recipe.context), ...Object.keys(recipe.inputs)]) {
    if ((RESERVED as readonly string[]).includes(name)) {
      const key = recipe.dialect === 'amplifier' ? `context.${name}` : `inputs.${name}`;
      problems.push(problemAt(recipe, null, key, `"${name}" is reserved (${RESERVED.join(', ')})`));
    }
  }
  return problems;
}

/** The caller's values: every required input given, each of its declared type, none undeclared. */
export function givenInputProblems(recipe: Recipe, given: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  const report = (name: string, message: string) => problems.push({ step: null, key: `inputs.${name}`, message, line: null });
  for (const [name, spec] of Object.entries(recipe.inputs)) {
    const value = given[name];
    if (value === undefined || value === null) {
      if (spec.required) report(name, `is required${spec.description ? ` (${spec.description})` : ''}`);
    } else if (!fits(spec, value)) {
      report(name, `must be ${spec.type}`);
    }
  }
  // Amplifier's callers may add any context key; a collaboration recipe names what it takes.
  if (recipe.dialect === 'collaboration') {
    const declared = Object.keys(recipe.inputs);
    for (const name of Object.keys(given).filter((n) => !declared.includes(n))) {
      report(name, `is not an input of this recipe; its inputs are ${declared.join(', ') || 'none'}`);
    }
  }
  return problems;
}

const fits = (spec: InputSpec, value: unknown): boolean => spec.type === null || !TYPES[spec.type] || TYPES[spec.type]!(value);
