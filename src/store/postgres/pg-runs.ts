import type { RunPatch, RunRecord, StepRecord } from '../../recipes/run-log.js';
import { msOrNull, RUN_COLUMNS, toRun, toStep, type RunRow, type StepRow } from '../rows/run-row.js';
import type { NewRunRecord, RunChange, RunChangeResult, RunExpect, RunFilter, RunStore, StepSave, StepSaveResult } from '../store.js';
import { Values, type PgDb } from './pg-db.js';
import type { TableNames } from './pg-store.js';

/** A run as read with its steps in the same statement: the step rows (in the order first saved) as a JSON array. */
type RunWithSteps = RunRow & { steps: StepRow[] };

const toRunWithSteps = (r: RunWithSteps): RunRecord => toRun(r, r.steps.map(toStep));

/** The column each field of a patch is written to; JSON fields are stored as text. */
const COLUMNS: Record<keyof RunPatch, string> = {
  state: 'state',
  context: 'context',
  outputs: 'outputs',
  error: 'error',
  approval: 'approval',
};

const JSON_FIELDS = new Set<keyof RunPatch>(['context', 'outputs', 'approval']);

const stepValues = (step: StepRecord): unknown[] => [
  step.key,
  step.stepId,
  step.stage,
  step.item,
  step.round,
  step.state,
  step.taskId,
  JSON.stringify(step.result ?? null),
  step.error,
  step.attempts,
  msOrNull(step.startedAt),
  msOrNull(step.finishedAt),
];

/** The WHERE of a compare-and-set: the run's state, and its approval's stage and decision. */
function conditions(expect: RunExpect | undefined, values: Values): string[] {
  const where: string[] = [];
  if (expect?.states) where.push(`state = ANY(${values.add(expect.states)}::text[])`);
  if (expect?.approval === null) where.push('approval IS NULL');
  else if (expect?.approval) {
    where.push(
      `approval::jsonb ->> 'stage' = ${values.add(expect.approval.stage)}` +
        ` AND (approval::jsonb ->> 'decision') IS NOT DISTINCT FROM ${values.add(expect.approval.decision)}::text`,
    );
  }
  return where;
}

export class PgRuns implements RunStore {
  /** A run's columns and its steps, in one statement so both come from one snapshot. */
  private readonly withSteps: string;
  private readonly insert: string;
  private readonly upsertStep: string;

  constructor(
    private readonly db: PgDb,
    private readonly s: TableNames,
  ) {
    this.withSteps = `${RUN_COLUMNS},
      (SELECT COALESCE(json_agg(st ORDER BY st.saved), '[]') FROM ${s('run_steps')} st WHERE st.run_id = r.id) AS steps`;
    this.insert = `INSERT INTO ${s('runs')} (${RUN_COLUMNS})
      VALUES ($1, $2, $3, $4, 'running', $5, $6, '{}', NULL, NULL, $7, $8, $8)
      ON CONFLICT (id) DO NOTHING RETURNING ${RUN_COLUMNS}, '[]'::json AS steps`;
    // `saved` is left as the first save set it, so a step saved again keeps its place.
    this.upsertStep = `INSERT INTO ${s('run_steps')}
        (run_id, key, step_id, stage, item, round, state, task_id, result, error, attempts, started_at, finished_at)
      SELECT run.id, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13 FROM run
      ON CONFLICT (run_id, key) DO UPDATE SET step_id = excluded.step_id, stage = excluded.stage, item = excluded.item,
        round = excluded.round, state = excluded.state, task_id = excluded.task_id, result = excluded.result, error = excluded.error,
        attempts = excluded.attempts, started_at = excluded.started_at, finished_at = excluded.finished_at
      RETURNING run_id`;
  }

  async create(run: NewRunRecord): Promise<RunRecord | undefined> {
    const [row] = await this.db.query<RunWithSteps>(this.insert, [
      run.id,
      run.recipe,
      run.source,
      run.text,
      JSON.stringify(run.inputs),
      JSON.stringify(run.context),
      run.createdBy,
      run.createdAt,
    ]);
    return row && toRunWithSteps(row);
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const [row] = await this.db.query<RunWithSteps>(`SELECT ${this.withSteps} FROM ${this.s('runs')} r WHERE id = $1`, [id]);
    return row && toRunWithSteps(row);
  }

  async list(filter: RunFilter): Promise<RunRecord[]> {
    const values = new Values();
    const where = filter.state ? `WHERE state = ${values.add(filter.state)}` : '';
    const sql = `SELECT ${this.withSteps} FROM ${this.s('runs')} r ${where} ORDER BY seq DESC LIMIT ${values.add(filter.limit)}`;
    return (await this.db.query<RunWithSteps>(sql, values.list)).map(toRunWithSteps);
  }

  /**
   * One statement: moving the run's updated time locks its row and checks the expect, and the step
   * is written only for a run that statement found, so a change of state cannot slip in between.
   */
  async saveStep({ runId, step, expect, at }: StepSave): Promise<StepSaveResult> {
    // The run's id and the step's values are $1..$13, as upsertStep names them; the expect's follow.
    const values = new Values();
    for (const value of [runId, ...stepValues(step)]) values.add(value);
    const where = ['id = $1', ...conditions(expect, values)];
    const touch = `UPDATE ${this.s('runs')} SET updated_at = GREATEST(updated_at, ${values.add(at)}) WHERE ${where.join(' AND ')} RETURNING id`;
    const saved = await this.db.query(`WITH run AS (${touch}) ${this.upsertStep}`, values.list);
    return saved.length === 1 ? { ok: true } : { ok: false, current: await this.get(runId) };
  }

  async change({ id, expect, set, at }: RunChange): Promise<RunChangeResult> {
    const values = new Values();
    const sets = [`updated_at = GREATEST(updated_at, ${values.add(at)})`];
    for (const [key, value] of Object.entries(set) as [keyof RunPatch, unknown][]) {
      if (value === undefined) continue;
      sets.push(`${COLUMNS[key]} = ${values.add(JSON_FIELDS.has(key) && value !== null ? JSON.stringify(value) : value)}`);
    }
    const where = [`id = ${values.add(id)}`, ...conditions(expect, values)];
    const update = `UPDATE ${this.s('runs')} SET ${sets.join(', ')} WHERE ${where.join(' AND ')} RETURNING *`;
    const [row] = await this.db.query<RunWithSteps>(`WITH r AS (${update}) SELECT ${this.withSteps} FROM r`, values.list);
    return row ? { ok: true, run: toRunWithSteps(row) } : { ok: false, current: await this.get(id) };
  }
}
