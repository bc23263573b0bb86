import { expect } from 'vitest';
import { loadRecipe } from '../../../src/recipes/load.js';
import type { Recipe, Step } from '../../../src/recipes/model.js';
import { isRecipeError, type Problem, type RecipeError } from '../../../src/recipes/recipe-error.js';

/** Loads YAML written indented inside a test, as if it were a file named `source`. */
export const load = (text: string, source = 'test.yaml'): Recipe => loadRecipe(dedent(text), source);

/** The RecipeError loading this text throws; fails the test when it loads. */
export function loadError(text: string, source = 'test.yaml'): RecipeError {
  try {
    load(text, source);
  } catch (e) {
    if (isRecipeError(e)) return e;
    throw e;
  }
  expect.fail('the recipe loaded, but it should not have');
}

/** The only step of a one-step recipe. */
export const onlyStep = (recipe: Recipe): Step => {
  const steps = recipe.stages.flatMap((stage) => stage.steps);
  expect(steps).toHaveLength(1);
  return steps[0]!;
};

export const allSteps = (recipe: Recipe): Step[] => recipe.stages.flatMap((stage) => stage.steps);

/** Problems as `step|key` pairs, for comparing which places were flagged. */
export const places = (problems: readonly Problem[]): string[] => problems.map((p) => `${p.step}|${p.key}`);

/** Removes the common leading indentation, so YAML can sit indented in test code. */
export function dedent(text: string): string {
  const lines = text.replace(/^\n/, '').split('\n');
  const indent = Math.min(...lines.filter((l) => l.trim() !== '').map((l) => l.length - l.trimStart().length));
  return lines.map((l) => l.slice(indent)).join('\n');
}
