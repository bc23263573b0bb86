import type { RunView, StepView, taskBadge } from '../hub/views.js';
import type { NewRun, RunLog, RunPatch, RunRecord, RunState, StepRecord } from '../recipes/run-log.js';
import type { HubClientOptions } from './call-options.js';
import { HubHttp } from './hub-http.js';

const enc = encodeURIComponent;

/** What a step's handoff looks like now: its state and who holds it. */
export type StepTask = ReturnType<typeof taskBadge>;

export interface StepStatus extends StepRecord {
  task: StepTask | null;
}

export interface ApprovalStatus extends NonNullable<RunRecord['approval']> {
  /** The reason the coordinator gave, and when the decision was made. */
  reason: string | null;
  decidedAt: string | null;
}

/** A run as the hub shows it: the stored record, with each step's task and the decision's reason. */
export interface RunStatus extends Omit<RunRecord, 'approval' | 'steps'> {
  approval: ApprovalStatus | null;
  steps: StepStatus[];
}

export interface Cancelled {
  run: RunStatus;
  /** The handoffs the cancel cancelled (those still open or claimed). */
  cancelledTasks: string[];
}

/**
 * The run log of a runner (and of `baton recipe status`), kept in a hub over its HTTP API. Each
 * method is one request; a refusal throws a HubClientError with the hub's code, status and field.
 * Writes act as the client's session.
 */
export class RunLogClient implements RunLog {
  private readonly http: HubHttp;

  constructor(options: HubClientOptions) {
    this.http = new HubHttp(options.url, options.session, options.token, options.workspace);
  }

  async create(run: NewRun): Promise<RunStatus> {
    return runOf((await this.http.json<{ run: RunView }>('POST', '/api/v1/runs', { json: run })).run);
  }

  async get(id: string): Promise<RunStatus> {
    return runOf((await this.http.json<{ run: RunView }>('GET', `/api/v1/runs/${enc(id)}`)).run);
  }

  /** Newest first: 20 unless `limit` says otherwise (at most 200). */
  async list(filter: { state?: RunState; limit?: number } = {}): Promise<RunStatus[]> {
    return (await this.http.json<{ runs: RunView[] }>('GET', '/api/v1/runs', { query: { ...filter } })).runs.map(runOf);
  }

  async saveStep(runId: string, step: StepRecord): Promise<void> {
    await this.http.json('PUT', `/api/v1/runs/${enc(runId)}/steps`, { json: stepWire(step) });
  }

  /** A decision written here is recorded as no one's (`by` null): the runner's timeout default. */
  async update(runId: string, patch: RunPatch): Promise<RunStatus> {
    const { approval, ...rest } = patch;
    const json = approval === undefined ? rest : { ...rest, approval: approval && { stage: approval.stage, prompt: approval.prompt, decision: approval.decision } };
    return runOf((await this.http.json<{ run: RunView }>('PATCH', `/api/v1/runs/${enc(runId)}`, { json })).run);
  }

  async cancel(runId: string, reason?: string): Promise<Cancelled> {
    const json = reason === undefined ? {} : { reason };
    const answer = await this.http.json<{ run: RunView; cancelled_tasks: string[] }>('POST', `/api/v1/runs/${enc(runId)}/cancel`, { json });
    return { run: runOf(answer.run), cancelledTasks: answer.cancelled_tasks };
  }

  /** Approves or denies the approval a paused run waits for (a coordinator's call). */
  async decide(runId: string, decision: 'approve' | 'deny', reason?: string): Promise<RunStatus> {
    const json = reason === undefined ? { decision } : { decision, reason };
    return runOf((await this.http.json<{ run: RunView }>('POST', `/api/v1/runs/${enc(runId)}/approval`, { json })).run);
  }
}

function runOf(v: RunView): RunStatus {
  return {
    id: v.id,
    recipe: v.recipe,
    source: v.source,
    text: v.text,
    state: v.state,
    inputs: v.inputs,
    context: v.context,
    outputs: v.outputs,
    error: v.error,
    approval: v.approval && { stage: v.approval.stage, prompt: v.approval.prompt, decision: v.approval.decision, by: v.approval.by, reason: v.approval.reason, decidedAt: v.approval.decided_at },
    createdBy: v.created_by,
    createdAt: v.created_at,
    updatedAt: v.updated_at,
    steps: v.steps.map(stepOf),
  };
}

const stepOf = (v: StepView): StepStatus => ({
  key: v.key,
  stepId: v.step_id,
  stage: v.stage,
  item: v.item,
  round: v.round,
  state: v.state,
  taskId: v.task_id,
  result: v.result,
  error: v.error,
  attempts: v.attempts,
  startedAt: v.started_at,
  finishedAt: v.finished_at,
  task: v.task,
});

const stepWire = (s: StepRecord) => ({
  key: s.key,
  step_id: s.stepId,
  stage: s.stage,
  item: s.item,
  round: s.round,
  state: s.state,
  task_id: s.taskId,
  result: s.result ?? null,
  error: s.error,
  attempts: s.attempts,
  started_at: s.startedAt,
  finished_at: s.finishedAt,
});
