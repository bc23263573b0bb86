import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { Fields, ProblemSink, typeName } from './fields.js';
import type { Dialect, Recipe, Stage } from './model.js';
import { inputDefaults, parseInputs } from './parse-inputs.js';
import { parseStages, parseSteps } from './parse-stage.js';
import { rememberPlace } from './positions.js';
import { RecipeError } from './recipe-error.js';
import { isRecord } from './scope.js';
import { readYaml } from './yaml-source.js';

/** A recipe is a small file; anything larger is a mistake, not a workflow. */
export const MAX_RECIPE_BYTES = 1024 * 1024;

export const VERSION_RULE = /^\d+\.\d+\.\d+$/;

const AMPLIFIER_KEYS = ['version', 'context', 'stages'];
const COLLABORATION_KEYS = ['inputs', 'outputs'];

/**
 * Reads a recipe in either dialect into the one model the runner executes. Every structural problem
 * (bad YAML, wrong types, unknown step keys, a missing version) is collected, and the first load that
 * finds any throws them all at once: nothing half-loaded comes back.
 */
export function loadRecipe(text: string, source: string): Recipe {
  if (Buffer.byteLength(text, 'utf8') > MAX_RECIPE_BYTES) {
    throw new RecipeError([{ step: null, key: null, message: `a recipe file may be at most ${MAX_RECIPE_BYTES} bytes` }], source);
  }
  const yaml = readYaml(text, source);
  if (!isRecord(yaml.value)) {
    const message = `a recipe must be a mapping with steps or stages, not ${typeName(yaml.value)}`;
    throw new RecipeError([{ step: null, key: null, message, line: 1 }], source);
  }
  const sink = new ProblemSink(yaml);
  const recipe = readRecipe(new Fields(yaml.value, { step: null, path: [], prefix: '' }, sink), source);
  if (sink.problems.length > 0) throw new RecipeError(sink.problems, source);
  rememberPlace(recipe, (key) => (key === null ? null : yaml.lineAt(key.split('.'))));
  return recipe;
}

export async function loadRecipeFile(path: string): Promise<Recipe> {
  let text: string;
  try {
    const size = (await stat(path)).size;
    if (size > MAX_RECIPE_BYTES) throw new Error(`it is ${size} bytes; a recipe file may be at most ${MAX_RECIPE_BYTES}`);
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new RecipeError([{ step: null, key: null, message: `cannot read the recipe file: ${(e as Error).message}` }], path);
  }
  return loadRecipe(text, path);
}

/** Amplifier's schema when the file has version, context or stages; else the collaboration dialect. */
export function dialectOf(top: Record<string, unknown>): Dialect {
  return AMPLIFIER_KEYS.some((key) => Object.hasOwn(top, key)) ? 'amplifier' : 'collaboration';
}

function readRecipe(f: Fields, source: string): Recipe {
  const dialect = dialectOf(f.values);
  const inputs = dialect === 'collaboration' ? parseInputs(f.map('inputs') ?? {}, f.sink) : {};
  if (dialect === 'amplifier') rejectMixedDialects(f);
  return {
    name: f.text('name') ?? basename(source, extname(source)),
    description: f.text('description') ?? '',
    version: dialect === 'amplifier' ? readVersion(f) : null,
    dialect,
    context: dialect === 'amplifier' ? (f.map('context') ?? {}) : inputDefaults(inputs),
    inputs,
    outputs: dialect === 'collaboration' ? f.textMap('outputs') : {},
    stages: readStages(f, dialect),
  };
}

function readVersion(f: Fields): string | null {
  const value = f.values.version;
  if (value === undefined || value === null) {
    f.problem('version', "Amplifier's schema (a recipe with context or stages) requires version, like 1.0.0");
    return null;
  }
  if (typeof value !== 'string') {
    f.problem('version', `must be text like 1.0.0 (quote it), not ${typeName(value)}`);
    return null;
  }
  if (!VERSION_RULE.test(value)) f.problem('version', `must be MAJOR.MINOR.PATCH, like 1.0.0, not "${value}"`);
  return value;
}

/** A file with version or context and also inputs or outputs would silently lose the latter. */
function rejectMixedDialects(f: Fields): void {
  for (const key of COLLABORATION_KEYS.filter((k) => Object.hasOwn(f.values, k))) {
    const marker = AMPLIFIER_KEYS.find((k) => Object.hasOwn(f.values, k));
    const hint = 'use context instead of inputs, and no outputs';
    f.problem(key, `belongs to the collaboration dialect, but this file is in Amplifier's schema (it has ${marker}); ${hint}`);
  }
}

function readStages(f: Fields, dialect: Dialect): Stage[] {
  const hasSteps = Object.hasOwn(f.values, 'steps');
  const hasStages = Object.hasOwn(f.values, 'stages');
  if (hasSteps && hasStages) f.problem('stages', 'a recipe has steps or stages, not both');
  if (hasStages) return parseStages(f.values.stages, dialect, f.sink);
  if (!hasSteps) {
    f.problem(null, 'a recipe needs steps (or stages)');
    return [];
  }
  return [{ name: null, steps: parseSteps(f.values.steps, ['steps'], dialect, f.sink), approval: null }];
}
