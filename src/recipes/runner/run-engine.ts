import { setTimeout as delay } from 'node:timers/promises';
import type { HubClient } from '../../client/hub-client.js';
import { evaluate } from '../condition.js';
import type { Recipe, Stage, Step } from '../model.js';
import type { RunLog, RunRecord, StepRecord } from '../run-log.js';
import { render, resolve, resolveList } from '../template.js';
import { runAgent, runBash, type Execution } from './executors.js';
import type { HubWatch } from './hub-watch.js';
import { RunScope } from './run-scope.js';
import type { Scope } from '../scope.js';
import { stepKey, type Place } from './step-key.js';
import { inBatches } from './in-batches.js';

export interface EngineDeps {
  log: RunLog;
  client: HubClient;
  watch: HubWatch;
  /** Where bash steps run and sub-recipes are found. */
  dir: string;
  /** Loads a sub-recipe by its path (relative to `dir`). */
  load(path: string): Promise<Recipe>;
  /** Told of every step change, for the progress line. */
  onStep?(record: StepRecord): void;
  /** Told when the run stops for an approval. */
  onApproval?(runId: string, stage: string, prompt: string): void;
  signal: AbortSignal;
}

/** Thrown to end a run early: a denied approval, or on_error skip_remaining. */
class StopRun extends Error {}

/**
 * Runs a recipe's stages and steps in order against a stored run. Every step change is saved as it
 * happens; a step the record shows as finished is not run again (its result is taken from the record),
 * and an agent step whose handoff is already out is waited on, not posted again.
 */
export class RunEngine {
  private readonly done: Map<string, StepRecord>;

  constructor(
    private readonly deps: EngineDeps,
    private readonly run: RunRecord,
  ) {
    this.done = new Map(run.steps.map((s) => [s.key, s]));
  }

  /** Runs the recipe; resolves with the scope it ends with (outputs render from it). */
  async execute(recipe: Recipe, scope: RunScope, prefix = ''): Promise<RunScope> {
    try {
      for (const stage of recipe.stages) {
        for (const step of stage.steps) await this.step(recipe, stage, step, scope, prefix);
        await this.deps.log.update(this.run.id, { context: scope.context });
        if (stage.approval?.required) await this.approval(stage, scope);
      }
    } catch (error) {
      if (!(error instanceof StopRun)) throw error;
    }
    return scope;
  }

  private async step(recipe: Recipe, stage: Stage, step: Step, scope: RunScope, prefix: string): Promise<void> {
    const place: Place = { prefix, stage: stage.name, stepId: step.id, item: null, round: null };
    if (step.condition && !evaluate(step.condition, scope.view(step.id), step.id, 'condition')) {
      await this.save(this.fresh(place, 'skipped'));
      return;
    }
    try {
      if (step.foreach) scope.record(step.id, step.output, await this.foreach(recipe, step, scope, place));
      else if (step.whileCondition) scope.record(step.id, step.output, await this.whileLoop(recipe, step, scope, place));
      else scope.record(step.id, step.output, await this.once(recipe, step, scope, place, {}));
    } catch (error) {
      if (step.onError === 'continue') return scope.record(step.id, step.output, null);
      if (step.onError === 'skip_remaining') throw new StopRun(String(error));
      throw error;
    }
  }

  private async foreach(recipe: Recipe, step: Step, scope: RunScope, place: Place): Promise<unknown> {
    const items = resolveList(step.foreach!, scope.view(step.id));
    if (items.length > step.maxIterations) throw new Error(`step ${step.id}: foreach has ${items.length} items, over max_iterations ${step.maxIterations}`);
    const width = step.parallel === true ? items.length : step.parallel === false ? 1 : step.parallel;
    const results = await inBatches(
      items.map((item, i) => () => this.once(recipe, step, scope, { ...place, item: i }, { [step.as]: item })),
      width,
      step.barrier,
      step.barrier.timeoutSeconds ?? step.timeoutSeconds,
      this.deps.signal,
    );
    if (step.collect) scope.context[step.collect] = results;
    return step.collect ? results : results.at(-1);
  }

  private async whileLoop(recipe: Recipe, step: Step, scope: RunScope, place: Place): Promise<unknown> {
    let last: unknown = null;
    for (let round = 0; round < step.maxWhileIterations && evaluate(step.whileCondition!, scope.view(step.id), step.id, 'while_condition'); round++) {
      last = await this.once(recipe, step, scope, { ...place, round }, {});
      scope.record(step.id, step.output, last);
      for (const [key, template] of Object.entries(step.updateContext)) scope.context[key] = resolve(template, scope.view(step.id));
      if (step.breakWhen && evaluate(step.breakWhen, scope.view(step.id), step.id, 'break_when')) break;
    }
    return last;
  }

  /** One execution, with retries; taken from the record when it already finished in an earlier attempt of this run. */
  private async once(recipe: Recipe, step: Step, scope: RunScope, place: Place, extra: Record<string, unknown>): Promise<unknown> {
    const key = stepKey(place);
    const known = this.done.get(key);
    if (known?.state === 'completed') return known.result;
    const attempts = step.retry?.maxAttempts ?? 1;
    let record: StepRecord = known && known.state !== 'failed' ? known : this.fresh(place, 'running');
    for (let attempt = 1; ; attempt++) {
      record = { ...record, state: record.taskId ? 'waiting' : 'running', attempts: attempt, startedAt: record.startedAt ?? new Date().toISOString() };
      await this.save(record);
      try {
        const result = await this.withTimeout(step, (signal) => this.perform(recipe, step, scope, record, extra, signal, (r) => (record = r)));
        const value = step.parseJson && typeof result === 'string' ? JSON.parse(result) : result;
        await this.save({ ...record, state: 'completed', result: value, error: null, finishedAt: new Date().toISOString() });
        return value;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        record = { ...record, state: 'failed', error: message, taskId: null, finishedAt: new Date().toISOString() };
        await this.save(record);
        if (attempt >= attempts || this.deps.signal.aborted) throw new Error(`step ${key}: ${message}`);
        await delay(backoff(step, attempt), undefined, { signal: this.deps.signal });
      }
    }
  }

  private async perform(
    recipe: Recipe,
    step: Step,
    scope: RunScope,
    record: StepRecord,
    extra: Record<string, unknown>,
    signal: AbortSignal,
    saved: (r: StepRecord) => void,
  ): Promise<unknown> {
    const view = scope.view(step.id, extra);
    const x: Execution = {
      step,
      record,
      signal,
      text: step.type === 'bash' ? render(step.command ?? '', view) : withItem(render(step.prompt ?? '', view), record.item, extra[step.as]),
      title: [recipe.name, step.id, ...(record.item === null ? [] : [itemLabel(extra[step.as], record.item)])].join(' · '),
      save: async (r) => {
        saved(r);
        await this.save(r);
      },
    };
    if (step.type === 'agent') return runAgent(x, { client: this.deps.client, watch: this.deps.watch, channel: 'handoffs' });
    if (step.type === 'bash') {
      const env = Object.fromEntries(Object.entries(step.env).map(([name, value]) => [name, render(value, view)]));
      return runBash(x, { dir: this.deps.dir, cwd: step.cwd === null ? null : render(step.cwd, view), env });
    }
    return this.subRecipe(step, view, record.key);
  }

  private async subRecipe(step: Step, view: Record<string, unknown>, key: string): Promise<unknown> {
    const sub = await this.deps.load(step.recipe!);
    const context: Record<string, unknown> = { ...sub.context };
    for (const [name, value] of Object.entries(step.recipeContext)) context[name] = resolveDeep(value, view);
    const scope = await this.execute(sub, new RunScope(sub, context, { run: this.run.id }), `${key}/`);
    const outputs = Object.entries(sub.outputs);
    return outputs.length ? Object.fromEntries(outputs.map(([name, t]) => [name, resolve(t, scope.view(step.id))])) : scope.context;
  }

  private async withTimeout<T>(step: Step, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const signal = AbortSignal.any([this.deps.signal, AbortSignal.timeout(step.timeoutSeconds * 1000)]);
    try {
      return await work(signal);
    } catch (error) {
      if (signal.aborted && !this.deps.signal.aborted) throw new Error(`timed out after ${step.timeoutSeconds} s`);
      throw error;
    }
  }

  private async approval(stage: Stage, scope: RunScope): Promise<void> {
    const approval = stage.approval!;
    const name = stage.name ?? 'stage';
    const prompt = render(approval.prompt, scope.view(name));
    const current = await this.deps.log.get(this.run.id);
    let decision = current.approval?.stage === name ? current.approval.decision : null;
    if (!decision) {
      await this.deps.log.update(this.run.id, { state: 'paused_for_approval', approval: { stage: name, prompt, decision: null, by: null } });
      this.deps.onApproval?.(this.run.id, name, prompt);
      decision = await this.awaitDecision(name, approval.timeoutSeconds, approval.onTimeout);
    }
    if (decision === 'deny') throw new Error(`stage ${name} was denied`);
    await this.deps.log.update(this.run.id, { state: 'running' });
  }

  /** Reads the run again whenever the hub says it changed; a timed-out wait takes the approval's default. */
  private async awaitDecision(stage: string, timeoutSeconds: number | null, onTimeout: 'approve' | 'deny'): Promise<'approve' | 'deny'> {
    const signal = timeoutSeconds === null ? this.deps.signal : AbortSignal.any([this.deps.signal, AbortSignal.timeout(timeoutSeconds * 1000)]);
    try {
      const run = await this.deps.watch.run(this.run.id, (r) => r.approval?.stage === stage && r.approval.decision !== null, signal);
      return run.approval!.decision!;
    } catch (error) {
      if (this.deps.signal.aborted) throw error;
      return onTimeout;
    }
  }

  private fresh(place: Place, state: StepRecord['state']): StepRecord {
    return { key: stepKey(place), stepId: place.stepId, stage: place.stage, item: place.item, round: place.round, state, taskId: null, result: null, error: null, attempts: 0, startedAt: null, finishedAt: null };
  }

  private async save(record: StepRecord): Promise<void> {
    this.done.set(record.key, record);
    await this.deps.log.saveStep(this.run.id, record);
    this.deps.onStep?.(record);
  }
}

function backoff(step: Step, attempt: number): number {
  const retry = step.retry!;
  const seconds = retry.backoff === 'exponential' ? retry.initialDelaySeconds * 2 ** (attempt - 1) : retry.initialDelaySeconds;
  return Math.min(seconds, retry.maxDelaySeconds) * 1000;
}

/** A sub-recipe's context as given: every string in it, however deep, is a template. */
function resolveDeep(value: unknown, view: Scope): unknown {
  if (typeof value === 'string') return resolve(value, view);
  if (Array.isArray(value)) return value.map((item) => resolveDeep(item, view));
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveDeep(v, view)]));
  return value;
}

/**
 * A foreach iteration's handoff says which item it is about, whether or not the prompt names it (the
 * seed's prompts do not): the item follows the prompt as JSON.
 */
const withItem = (prompt: string, index: number | null, item: unknown): string =>
  index === null ? prompt : `${prompt}\n\n---\nItem ${index + 1}:\n\n\`\`\`json\n${JSON.stringify(item, null, 2)}\n\`\`\``;

/** A foreach item in a handoff's title: short text, or short JSON, as is; anything longer by its position. */
function itemLabel(item: unknown, index: number): string {
  const text = typeof item === 'string' ? item : JSON.stringify(item) ?? '';
  return text.length > 0 && text.length <= 60 ? text : `#${index + 1}`;
}
