/**
 * A recipe as the runner executes it, whichever dialect it was written in: Amplifier's schema
 * (`context`, `version`, `steps` or `stages`) or the collaboration dialect (`inputs`, `outputs`,
 * `{{steps.<id>.result}}`). The loader turns both into this one shape.
 */
export type Dialect = 'amplifier' | 'collaboration';

export interface Recipe {
  name: string;
  description: string;
  /** Required (X.Y.Z) in Amplifier's schema; null in the collaboration dialect. */
  version: string | null;
  dialect: Dialect;
  /** Initial variables: Amplifier's `context`; the collaboration dialect's input defaults. The caller's values override. */
  context: Record<string, unknown>;
  /** Declared inputs (collaboration dialect); empty for Amplifier's schema. */
  inputs: Record<string, InputSpec>;
  /** Named results of the run, as templates (collaboration dialect). */
  outputs: Record<string, string>;
  /** A recipe of plain `steps` is one stage without a name or an approval. */
  stages: Stage[];
}

export interface InputSpec {
  type: string | null;
  description: string;
  required: boolean;
  default?: unknown;
}

export interface Stage {
  name: string | null;
  steps: Step[];
  /** Checked after the stage's steps finish. */
  approval: Approval | null;
}

export interface Approval {
  required: boolean;
  prompt: string;
  /** Null: wait for a decision however long it takes. */
  timeoutSeconds: number | null;
  /** What a timed-out approval decides. */
  onTimeout: 'deny' | 'approve';
}

export type StepType = 'agent' | 'bash' | 'recipe';
export type OnError = 'fail' | 'continue' | 'skip_remaining';

export interface Step {
  id: string;
  type: StepType;
  /** agent: who should do it (becomes the handoff's label), e.g. `foundation:zen-architect`. */
  agent: string | null;
  /** agent: the prompt template (the handoff's body once rendered). */
  prompt: string | null;
  /** bash: the command template, run where the runner runs. */
  command: string | null;
  cwd: string | null;
  env: Record<string, string>;
  /** recipe: the sub-recipe's path (relative to this recipe's file), and the only context it sees. */
  recipe: string | null;
  recipeContext: Record<string, unknown>;
  /** The context key that receives the result. */
  output: string | null;
  condition: string | null;
  /** A template that must resolve to a list. */
  foreach: string | null;
  as: string;
  /** The context key that receives every iteration's result, in input order. */
  collect: string | null;
  /** false: one iteration at a time; true: all at once; a number: at most that many at once. */
  parallel: boolean | number;
  maxIterations: number;
  whileCondition: string | null;
  maxWhileIterations: number;
  breakWhen: string | null;
  /** Context keys set (from templates) after each while iteration. */
  updateContext: Record<string, string>;
  timeoutSeconds: number;
  retry: Retry | null;
  onError: OnError;
  parseJson: boolean;
  dependsOn: string[];
  /** Baton: how many of a foreach's results the step needs (all by default), and how long it waits for them. */
  barrier: Barrier;
  /** Baton: an agent step's handoff nobody claims within this long is escalated to `alerts`. Null: never. */
  claimDeadlineSeconds: number | null;
}

export interface Retry {
  maxAttempts: number;
  backoff: 'fixed' | 'exponential';
  initialDelaySeconds: number;
  maxDelaySeconds: number;
}

export interface Barrier {
  require: 'all' | 'any' | { atLeast: number };
  /** Null: the step's own timeout. */
  timeoutSeconds: number | null;
}
