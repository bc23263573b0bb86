import { loadRecipe, loadRecipeFile } from './load.js';
import type { Recipe } from './model.js';
import { isRecipeError, type Problem } from './recipe-error.js';
import { validateRecipe } from './validate.js';

export interface Checked {
  /** Null when the file could not be loaded at all. */
  recipe: Recipe | null;
  /** The loader's problems when it failed, else the validator's; empty when the recipe is sound. */
  problems: Problem[];
}

/** Loads and validates in one go, for `baton recipe validate`: every problem, and no throw for a bad recipe. */
export function checkRecipe(text: string, source: string, inputs?: Record<string, unknown>): Checked {
  try {
    return checked(loadRecipe(text, source), inputs);
  } catch (e) {
    return unloadable(e);
  }
}

export async function checkRecipeFile(path: string, inputs?: Record<string, unknown>): Promise<Checked> {
  try {
    return checked(await loadRecipeFile(path), inputs);
  } catch (e) {
    return unloadable(e);
  }
}

const checked = (recipe: Recipe, inputs?: Record<string, unknown>): Checked => ({ recipe, problems: validateRecipe(recipe, inputs) });

function unloadable(e: unknown): Checked {
  if (isRecipeError(e)) return { recipe: null, problems: e.problems };
  throw e;
}
