/**
 * Where a recipe run keeps its state as it changes: in the hub, so `baton recipe status`, the
 * dashboard and `resume` (after the runner was killed) all read the same record.
 */
export type RunState = 'running' | 'paused_for_approval' | 'completed' | 'failed' | 'cancelled';
export type StepState = 'running' | 'waiting' | 'completed' | 'failed' | 'skipped';

/** One execution of one step: a plain step, one foreach iteration (`item`), or one while round (`round`). */
export interface StepRecord {
  /** Unique in the run, stable across resumes: `<stage>/<step id>[<item>]#<round>`, e.g. `review[2]`. */
  key: string;
  stepId: string;
  stage: string | null;
  item: number | null;
  round: number | null;
  state: StepState;
  /** The handoff an agent step posted: a resume waits on it instead of posting again. */
  taskId: string | null;
  /** The step's result (text, or parsed JSON with parse_json). */
  result: unknown;
  error: string | null;
  attempts: number;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface RunRecord {
  id: string;
  recipe: string;
  /** The recipe file as given, and its text, so a resume runs exactly what the run started with. */
  source: string;
  text: string;
  state: RunState;
  inputs: Record<string, unknown>;
  /** The context as it stands (step outputs included). */
  context: Record<string, unknown>;
  outputs: Record<string, unknown>;
  error: string | null;
  /** The stage waiting for a decision, and the decision once made. */
  approval: { stage: string; prompt: string; decision: 'approve' | 'deny' | null; by: string | null } | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
  steps: StepRecord[];
}

export interface NewRun {
  recipe: string;
  source: string;
  text: string;
  inputs: Record<string, unknown>;
  context: Record<string, unknown>;
}

export interface RunPatch {
  state?: RunState;
  context?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
  error?: string | null;
  approval?: RunRecord['approval'];
}

export interface RunLog {
  create(run: NewRun): Promise<RunRecord>;
  get(id: string): Promise<RunRecord>;
  list(filter?: { state?: RunState; limit?: number }): Promise<RunRecord[]>;
  /** Inserts or replaces the step with this key. */
  saveStep(runId: string, step: StepRecord): Promise<void>;
  update(runId: string, patch: RunPatch): Promise<RunRecord>;
}
