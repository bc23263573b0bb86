import type Database from 'better-sqlite3';
import type { RunPatch, RunRecord, StepRecord } from '../../recipes/run-log.js';
import { msOrNull, RUN_COLUMNS, toRun, toStep, type RunRow, type StepRow } from '../rows/run-row.js';
import type { NewRunRecord, RunChange, RunChangeResult, RunExpect, RunFilter, RunStore, StepSave, StepSaveResult } from '../store.js';

/** Each field of a patch becomes one assignment; JSON fields are stored as text. */
const ASSIGNMENTS: Record<keyof RunPatch, string> = {
  state: 'state = @state',
  context: 'context = @context',
  outputs: 'outputs = @outputs',
  error: 'error = @error',
  approval: 'approval = @approval',
};

const JSON_FIELDS = new Set<keyof RunPatch>(['context', 'outputs', 'approval']);

/** The WHERE of a compare-and-set: the run's state, and its approval's stage and decision. */
function conditions(expect: RunExpect | undefined, params: Record<string, unknown>): string[] {
  const where: string[] = [];
  if (expect?.states) {
    where.push('state IN (SELECT value FROM json_each(@expectStates))');
    params.expectStates = JSON.stringify(expect.states);
  }
  if (expect?.approval === null) where.push('approval IS NULL');
  else if (expect?.approval) {
    where.push("json_extract(approval, '$.stage') = @expectStage AND json_extract(approval, '$.decision') IS @expectDecision");
    params.expectStage = expect.approval.stage;
    params.expectDecision = expect.approval.decision;
  }
  return where;
}

export class SqliteRuns implements RunStore {
  private readonly insert;
  private readonly byId;
  private readonly stepsOf;
  private readonly upsertStep;
  private readonly touch;
  private readonly statements = new Map<string, Database.Statement>();
  private readonly saveTx;
  private readonly changeTx;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO runs (id, recipe, source, text, state, inputs, context, outputs, error, approval, created_by, created_at, updated_at)
       VALUES (@id, @recipe, @source, @text, 'running', @inputs, @context, '{}', NULL, NULL, @createdBy, @createdAt, @createdAt)`,
    );
    this.byId = db.prepare<[string], RunRow>(`SELECT ${RUN_COLUMNS} FROM runs WHERE id = ?`);
    this.stepsOf = db.prepare<[string], StepRow>('SELECT * FROM run_steps WHERE run_id IN (SELECT value FROM json_each(?)) ORDER BY run_id, rowid');
    this.upsertStep = db.prepare(
      `INSERT INTO run_steps (run_id, key, step_id, stage, item, round, state, task_id, result, error, attempts, started_at, finished_at)
       VALUES (@runId, @key, @stepId, @stage, @item, @round, @state, @taskId, @result, @error, @attempts, @startedAt, @finishedAt)
       ON CONFLICT (run_id, key) DO UPDATE SET step_id = excluded.step_id, stage = excluded.stage, item = excluded.item,
         round = excluded.round, state = excluded.state, task_id = excluded.task_id, result = excluded.result, error = excluded.error,
         attempts = excluded.attempts, started_at = excluded.started_at, finished_at = excluded.finished_at`,
    );
    this.touch = db.prepare('UPDATE runs SET updated_at = MAX(updated_at, ?) WHERE id = ?');
    this.saveTx = db.transaction((save: StepSave) => this.saveNow(save));
    this.changeTx = db.transaction((change: RunChange) => this.changeNow(change));
  }

  async create(run: NewRunRecord): Promise<RunRecord | undefined> {
    const inserted = this.insert.run({
      id: run.id,
      recipe: run.recipe,
      source: run.source,
      text: run.text,
      inputs: JSON.stringify(run.inputs),
      context: JSON.stringify(run.context),
      createdBy: run.createdBy,
      createdAt: run.createdAt,
    });
    return inserted.changes === 1 ? this.read(run.id) : undefined;
  }

  async get(id: string): Promise<RunRecord | undefined> {
    return this.read(id);
  }

  async list(filter: RunFilter): Promise<RunRecord[]> {
    const where = filter.state ? 'WHERE state = @state' : '';
    const rows = this.statement(`SELECT ${RUN_COLUMNS} FROM runs ${where} ORDER BY seq DESC LIMIT @limit`).all({ ...filter }) as RunRow[];
    return this.withSteps(rows);
  }

  async saveStep(save: StepSave): Promise<StepSaveResult> {
    return this.saveTx.immediate(save);
  }

  async change(change: RunChange): Promise<RunChangeResult> {
    return this.changeTx.immediate(change);
  }

  private read(id: string): RunRecord | undefined {
    const row = this.byId.get(id);
    return row && this.withSteps([row])[0];
  }

  /** The runs' steps in one query, grouped by run in key order. */
  private withSteps(rows: RunRow[]): RunRecord[] {
    if (rows.length === 0) return [];
    const steps = new Map<string, StepRecord[]>(rows.map((r) => [r.id, []]));
    for (const step of this.stepsOf.all(JSON.stringify(rows.map((r) => r.id)))) steps.get(step.run_id)!.push(toStep(step));
    return rows.map((r) => toRun(r, steps.get(r.id)!));
  }

  private saveNow({ runId, step, expect, at }: StepSave): StepSaveResult {
    const params: Record<string, unknown> = { id: runId };
    const where = ['id = @id', ...conditions(expect, params)];
    if (!this.statement(`SELECT 1 FROM runs WHERE ${where.join(' AND ')}`).get(params)) return { ok: false, current: this.read(runId) };
    this.upsertStep.run({
      runId,
      key: step.key,
      stepId: step.stepId,
      stage: step.stage,
      item: step.item,
      round: step.round,
      state: step.state,
      taskId: step.taskId,
      result: JSON.stringify(step.result ?? null),
      error: step.error,
      attempts: step.attempts,
      startedAt: msOrNull(step.startedAt),
      finishedAt: msOrNull(step.finishedAt),
    });
    this.touch.run(at, runId);
    return { ok: true };
  }

  private changeNow({ id, expect, set, at }: RunChange): RunChangeResult {
    const params: Record<string, unknown> = { id, at };
    const sets = ['updated_at = MAX(updated_at, @at)'];
    for (const [key, value] of Object.entries(set) as [keyof RunPatch, unknown][]) {
      if (value === undefined) continue;
      sets.push(ASSIGNMENTS[key]);
      params[key] = JSON_FIELDS.has(key) && value !== null ? JSON.stringify(value) : value;
    }
    const where = ['id = @id', ...conditions(expect, params)];
    const applied = this.statement(`UPDATE runs SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`).run(params).changes === 1;
    const run = this.read(id);
    return applied ? { ok: true, run: run! } : { ok: false, current: run };
  }

  /** Filters and changes come in a handful of shapes; each shape's statement is prepared once. */
  private statement(sql: string): Database.Statement {
    let stmt = this.statements.get(sql);
    if (!stmt) this.statements.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }
}
