import { iso } from '../core/clock.js';
import { invalidInput, isBatonError, tooLarge } from '../core/errors.js';
import { randomWord, seqOfMessageId } from '../core/ids.js';
import { parseInput } from '../core/validate.js';
import { roleAllows } from '../domain/roles.js';
import type { Task } from '../domain/tasks.js';
import type { RunPatch, RunRecord, RunState, StepRecord } from '../recipes/run-log.js';
import type { ApprovalMark, RunChange } from '../store/store.js';
import type { Caller, HubContext } from './context.js';
import { audit, authorize, type Permission } from './permissions.js';
import { notCancellable, runNotFound, unchangeable, undecidable } from './run-refusal.js';
import {
  cancelSchema,
  createSchema,
  decisionSchema,
  listSchema,
  patchSchema,
  RUN_STATES,
  RUN_TEXT_BYTES,
  STEP_RESULT_BYTES,
  stepSchema,
  type ApprovalInput,
  type StepInput,
} from './run-inputs.js';
import type { TaskService } from './task-service.js';

/** An approval once decided: who decided, why, and when (beyond the shared record's fields). */
export type DecidedApproval = NonNullable<RunRecord['approval']> & { reason: string | null; decidedAt: string };

/** A cancelled run takes no more changes: a runner that missed the cancel stops at its next write. */
const CHANGEABLE: RunState[] = RUN_STATES.filter((s) => s !== 'cancelled');
const CANCELLABLE: RunState[] = ['running', 'paused_for_approval'];

const ID_ATTEMPTS = 5;

/**
 * Recipe runs, kept in the hub so a runner can resume, and `baton recipe status` and the dashboard
 * can show them. Writes are compare-and-sets in the store; each is audited and announced on the bus.
 */
export class RunService {
  constructor(
    private readonly ctx: HubContext,
    private readonly tasks: TaskService,
  ) {}

  async create(caller: Caller, raw: unknown): Promise<RunRecord> {
    await authorize(this.ctx, caller, 'run.create');
    const input = parseInput(createSchema, raw);
    checkBytes(input.text, RUN_TEXT_BYTES, 'text');
    if (input.text.includes('\u0000')) throw invalidInput('text', 'must not contain NUL characters');
    const now = this.ctx.clock.now();
    for (let attempt = 0; attempt < ID_ATTEMPTS; attempt++) {
      const run = await this.ctx.store.runs.create({ ...input, id: `r-${randomWord(10)}`, createdBy: caller.session.id, createdAt: now });
      if (run) return this.written(caller, 'run.create', run);
    }
    throw new Error(`no free run id after ${ID_ATTEMPTS} draws`);
  }

  async get(id: string): Promise<RunRecord> {
    const run = await this.ctx.store.runs.get(id);
    if (!run) throw runNotFound(id);
    return run;
  }

  /** Newest first. */
  async list(raw: unknown): Promise<RunRecord[]> {
    const input = parseInput(listSchema, raw);
    return this.ctx.store.runs.list({ limit: input.limit, ...(input.state ? { state: input.state } : {}) });
  }

  /** Inserts or replaces the step with this key. */
  async saveStep(caller: Caller, runId: string, raw: unknown): Promise<StepRecord> {
    await authorize(this.ctx, caller, 'run.update', runId);
    const step = await this.stepOf(parseInput(stepSchema, raw));
    const saved = await this.ctx.store.runs.saveStep({ runId, step, expect: { states: CHANGEABLE }, at: this.ctx.clock.now() });
    if (!saved.ok) throw unchangeable(runId, saved.current);
    this.changed(runId);
    await audit(this.ctx, caller, 'run.update', runId);
    return step;
  }

  async update(caller: Caller, runId: string, raw: unknown): Promise<RunRecord> {
    await authorize(this.ctx, caller, 'run.update', runId);
    const input = parseInput(patchSchema, raw);
    if (Object.values(input).every((v) => v === undefined)) throw invalidInput('body', 'must name at least one of state, context, outputs, error, approval');
    if (input.state === 'cancelled') throw invalidInput('state', "cannot be set to 'cancelled' here: cancel the run instead (POST /api/v1/runs/{id}/cancel)");
    const current = await this.get(runId);
    const { approval, ...rest } = input;
    const set: RunPatch = { ...rest, ...(approval !== undefined ? { approval: approvalFor(current, approval) } : {}) };
    // The approval is written against the one it was derived from, so a decision made meanwhile is never overwritten.
    const expect = { states: CHANGEABLE, ...(approval !== undefined ? { approval: markOf(current) } : {}) };
    const result = await this.ctx.store.runs.change({ id: runId, expect, set, at: this.ctx.clock.now() });
    if (!result.ok) throw unchangeable(runId, result.current, 'its approval changed meanwhile: read it again');
    return this.written(caller, 'run.update', result.run);
  }

  /** Cancels a running or paused run, then its open or claimed handoffs (each announced as a task cancel is). */
  async cancel(caller: Caller, runId: string, raw: unknown): Promise<{ run: RunRecord; cancelled: string[] }> {
    const current = await this.get(runId);
    if (current.createdBy !== caller.session.id) await authorize(this.ctx, caller, 'run.cancel', runId);
    const input = parseInput(cancelSchema, raw);
    const error = `cancelled by ${caller.session.name} (${caller.session.id})${input.reason ? `: ${input.reason}` : ''}`;
    const result = await this.ctx.store.runs.change({ id: runId, expect: { states: CANCELLABLE }, set: { state: 'cancelled', error }, at: this.ctx.clock.now() });
    if (!result.ok) throw notCancellable(runId, result.current);
    const run = await this.written(caller, 'run.cancel', result.run);
    const cancelled = await this.cancelHandoffs(caller, run, input.reason);
    // Told again, so a live view shows the steps' handoffs cancelled too.
    if (cancelled.length) this.changed(run.id);
    return { run, cancelled };
  }

  /** Records a coordinator's decision on the approval a paused run waits for; the runner hears it as a `run` event. */
  async decide(caller: Caller, runId: string, raw: unknown): Promise<RunRecord> {
    await authorize(this.ctx, caller, 'run.approve', runId);
    const input = parseInput(decisionSchema, raw);
    const current = await this.get(runId);
    const pending = current.approval;
    if (current.state !== 'paused_for_approval' || !pending || pending.decision !== null) throw undecidable(runId, current);
    const now = this.ctx.clock.now();
    const decided: DecidedApproval = { ...pending, decision: input.decision, by: caller.session.id, reason: input.reason ?? null, decidedAt: iso(now) };
    const change: RunChange = { id: runId, expect: { states: ['paused_for_approval'], approval: { stage: pending.stage, decision: null } }, set: { approval: decided }, at: now };
    const result = await this.ctx.store.runs.change(change);
    if (!result.ok) throw undecidable(runId, result.current);
    return this.written(caller, 'run.approve', result.run);
  }

  /** The tasks these steps posted, by id, so a view can show who holds what. */
  async tasksOf(steps: StepRecord[]): Promise<Map<string, Task>> {
    const seqs = steps.flatMap((s) => (s.taskId ? [seqOfMessageId(s.taskId)] : [])).filter((seq) => seq !== undefined);
    const found = await this.ctx.store.tasks.forMessages([...new Set(seqs)]);
    return new Map([...found.values()].map((t) => [t.id, t]));
  }

  private async stepOf(input: StepInput): Promise<StepRecord> {
    const result = input.result ?? null;
    checkBytes(JSON.stringify(result), STEP_RESULT_BYTES, 'result');
    if (input.task_id && !(await this.ctx.store.tasks.get(input.task_id))) throw invalidInput('task_id', `task '${input.task_id}' not found`);
    return {
      key: input.key,
      stepId: input.step_id,
      stage: input.stage,
      item: input.item,
      round: input.round,
      state: input.state,
      taskId: input.task_id,
      result,
      error: input.error,
      attempts: input.attempts,
      // Stored as instants: any offset is given back in UTC.
      startedAt: input.started_at === null ? null : iso(Date.parse(input.started_at)),
      finishedAt: input.finished_at === null ? null : iso(Date.parse(input.finished_at)),
    };
  }

  /**
   * Whoever may cancel the run may cancel its handoffs, a coordinator's act otherwise: the run's
   * creator acts with a coordinator's rights for these alone. A handoff that moved on meanwhile is left.
   */
  private async cancelHandoffs(caller: Caller, run: RunRecord, reason: string | undefined): Promise<string[]> {
    const open = [...(await this.tasksOf(run.steps)).values()].filter((t) => t.kind === 'handoff' && (t.state === 'open' || t.state === 'claimed'));
    const acting: Caller = roleAllows(caller.access.role, 'coordinator') ? caller : { ...caller, access: { ...caller.access, role: 'coordinator' } };
    const cancelled: string[] = [];
    for (const task of open) {
      try {
        await this.tasks.act('cancel', acting, { task_id: task.id, reason: `run ${run.id} was cancelled${reason ? `: ${reason}` : ''}` });
        cancelled.push(task.id);
      } catch (error) {
        if (!isBatonError(error) || (error.code !== 'conflict' && error.code !== 'not_found')) throw error;
      }
    }
    return cancelled;
  }

  private async written(caller: Caller, action: Extract<Permission, `run.${string}`>, run: RunRecord): Promise<RunRecord> {
    this.changed(run.id);
    await audit(this.ctx, caller, action, run.id);
    return run;
  }

  /** Tells live views (and a runner waiting for a decision) that the run changed. */
  private changed(runId: string): void {
    this.ctx.bus.publish({ type: 'run', runId });
  }
}

/** The approval a patch writes. `by` is never taken from a patch: a decision kept as it was keeps its maker, any other has none. */
function approvalFor(current: RunRecord, given: ApprovalInput | null): RunRecord['approval'] {
  if (given === null) return null;
  const kept = current.approval?.stage === given.stage && current.approval.decision === given.decision ? current.approval : undefined;
  return kept ? { ...kept, prompt: given.prompt } : { stage: given.stage, prompt: given.prompt, decision: given.decision, by: null };
}

const markOf = (run: RunRecord): ApprovalMark => (run.approval ? { stage: run.approval.stage, decision: run.approval.decision } : null);

function checkBytes(text: string, limit: number, field: string): void {
  const bytes = Buffer.byteLength(text);
  if (bytes > limit) throw tooLarge(field, `${field} is ${bytes} bytes, over the ${limit}-byte limit`);
}
