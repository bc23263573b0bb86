import { iso } from '../../core/clock.js';
import type { RunRecord, RunState, StepRecord, StepState } from '../../recipes/run-log.js';

/** A recipe run as both adapters read it (its steps come apart); JSON fields are text, times are milliseconds. */
export interface RunRow {
  id: string;
  recipe: string;
  source: string;
  text: string;
  state: string;
  inputs: string;
  context: string;
  outputs: string;
  error: string | null;
  approval: string | null;
  created_by: string;
  created_at: number;
  updated_at: number;
}

export const RUN_COLUMNS = 'id, recipe, source, text, state, inputs, context, outputs, error, approval, created_by, created_at, updated_at';

/** One step of a run as both adapters read it; the domain keeps its times as ISO text. */
export interface StepRow {
  run_id: string;
  key: string;
  step_id: string;
  stage: string | null;
  item: number | null;
  round: number | null;
  state: string;
  task_id: string | null;
  result: string;
  error: string | null;
  attempts: number;
  started_at: number | null;
  finished_at: number | null;
}

const isoOrNull = (ms: number | null): string | null => (ms === null ? null : iso(ms));

/** A step's time as stored: milliseconds, the inverse of what toStep reads. */
export const msOrNull = (text: string | null): number | null => (text === null ? null : Date.parse(text));

export const toStep = (r: StepRow): StepRecord => ({
  key: r.key,
  stepId: r.step_id,
  stage: r.stage,
  item: r.item,
  round: r.round,
  state: r.state as StepState,
  taskId: r.task_id,
  result: JSON.parse(r.result) as unknown,
  error: r.error,
  attempts: r.attempts,
  startedAt: isoOrNull(r.started_at),
  finishedAt: isoOrNull(r.finished_at),
});

export const toRun = (r: RunRow, steps: StepRecord[]): RunRecord => ({
  id: r.id,
  recipe: r.recipe,
  source: r.source,
  text: r.text,
  state: r.state as RunState,
  inputs: JSON.parse(r.inputs) as Record<string, unknown>,
  context: JSON.parse(r.context) as Record<string, unknown>,
  outputs: JSON.parse(r.outputs) as Record<string, unknown>,
  error: r.error,
  approval: r.approval === null ? null : (JSON.parse(r.approval) as RunRecord['approval']),
  createdBy: r.created_by,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  steps,
});
