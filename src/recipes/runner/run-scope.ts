import type { Recipe } from '../model.js';
import { runScope, type Scope } from '../scope.js';

/**
 * What templates and conditions of a run see as it goes: the context (inputs, outputs of earlier
 * steps), each finished step's result under `steps.<id>`, and the reserved `recipe`, `session`, `step`.
 */
export class RunScope {
  readonly steps: Record<string, unknown> = {};

  constructor(
    readonly recipe: Recipe,
    readonly context: Record<string, unknown>,
    private readonly session: Record<string, unknown>,
  ) {}

  /** The variables a template of this step sees; `locals` holds a foreach's item. */
  view(stepId: string, locals: Record<string, unknown> = {}): Scope {
    return runScope({ context: this.context, steps: this.steps, recipe: this.recipe, session: this.session, step: { id: stepId }, locals });
  }

  /** A finished step: its result under `steps.<id>`, and in the context under its `output` key. */
  record(stepId: string, output: string | null, result: unknown): void {
    this.steps[stepId] = result;
    if (output) this.context[output] = result;
  }
}
