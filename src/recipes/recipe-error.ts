import { BatonError } from '../core/errors.js';

/** One thing wrong with a recipe: where (step and key, as written in the file) and which rule it breaks. */
export interface Problem {
  /** The step's id (or `steps[2]` when it has none); null for the recipe's own keys. */
  step: string | null;
  /** The key as written in the file, dotted when nested (`retry.max_attempts`, `outputs.summary`); null when unknown. */
  key: string | null;
  message: string;
  /** 1-based line in the recipe file, when known. */
  line?: number | null;
}

/** A recipe that cannot be loaded, rendered or evaluated. It carries every problem found, not only the first. */
export class RecipeError extends BatonError {
  constructor(
    readonly problems: Problem[],
    readonly source?: string,
  ) {
    super('invalid_input', formatProblems(problems, source), problems[0]?.key ?? 'recipe');
    this.name = 'RecipeError';
  }

  /** The same error placed at a step and key, for callers that know where the failing text came from. */
  at(step: string | null, key: string | null): RecipeError {
    return new RecipeError(
      this.problems.map((p) => ({ ...p, step: p.step ?? step, key: p.key ?? key })),
      this.source,
    );
  }
}

export const recipeError = (message: string, step: string | null = null, key: string | null = null): RecipeError =>
  new RecipeError([{ step, key, message }]);

export const isRecipeError = (e: unknown): e is RecipeError => e instanceof RecipeError;

/** One line per problem: `file:line: step 'x', key 'y': rule`. */
export function formatProblems(problems: readonly Problem[], source?: string): string {
  return problems.map((p) => formatProblem(p, source)).join('\n');
}

function formatProblem(problem: Problem, source?: string): string {
  const file = source ? (problem.line ? `${source}:${problem.line}: ` : `${source}: `) : problem.line ? `line ${problem.line}: ` : '';
  const place = [problem.step === null ? null : `step '${problem.step}'`, problem.key === null ? null : `key '${problem.key}'`]
    .filter((part) => part !== null)
    .join(', ');
  return `${file}${place ? `${place}: ` : ''}${problem.message}`;
}
