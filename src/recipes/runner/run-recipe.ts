import { dirname, resolve as resolvePath } from 'node:path';
import type { HubClient } from '../../client/hub-client.js';
import type { Recipe } from '../model.js';
import type { RunLog, RunRecord, StepRecord } from '../run-log.js';
import { startContext } from '../scope.js';
import { resolve } from '../template.js';
import { HubWatch } from './hub-watch.js';
import { RunEngine } from './run-engine.js';
import { RunScope } from './run-scope.js';

export interface RunnerOptions {
  client: HubClient;
  log: RunLog;
  /** Loads a recipe file (sub-recipes too). */
  load(path: string): Promise<Recipe>;
  onStep?(record: StepRecord): void;
  onApproval?(runId: string, stage: string, prompt: string): void;
  signal: AbortSignal;
}

/** Starts a run of a recipe file: stored in the hub first, so a killed runner can be resumed. */
export async function startRun(options: RunnerOptions, file: string, text: string, recipe: Recipe, inputs: Record<string, unknown>): Promise<RunRecord> {
  const context = startContext(recipe, inputs);
  const run = await options.log.create({ recipe: recipe.name, source: resolvePath(file), text, inputs, context });
  return finish(options, run, recipe, file);
}

/** Continues a stored run: finished steps keep their results, handoffs already out are waited on. */
export async function resumeRun(options: RunnerOptions, run: RunRecord, recipe: Recipe): Promise<RunRecord> {
  if (run.state === 'completed' || run.state === 'cancelled') throw new Error(`run ${run.id} is ${run.state}: nothing to resume`);
  await options.log.update(run.id, { state: 'running', error: null });
  return finish(options, run, recipe, run.source);
}

async function finish(options: RunnerOptions, run: RunRecord, recipe: Recipe, file: string): Promise<RunRecord> {
  const watch = new HubWatch(options.client, options.log);
  // A cancel from anywhere (the CLI, the dashboard) stops this runner too.
  const stop = new AbortController();
  const signal = AbortSignal.any([options.signal, stop.signal]);
  void watch.run(run.id, (r) => r.state === 'cancelled', signal).then(() => stop.abort(new Error(`run ${run.id} was cancelled`)), () => undefined);
  const session = await options.client.whoami();
  const scope = new RunScope(recipe, { ...run.context }, { id: session.id, name: session.name, run: run.id });
  const dir = dirname(resolvePath(file));
  const engine = new RunEngine({ log: options.log, client: options.client, watch, dir, load: (path) => options.load(resolvePath(dir, path)), onStep: options.onStep, onApproval: options.onApproval, signal }, run);
  try {
    await engine.execute(recipe, scope);
    const outputs = Object.fromEntries(Object.entries(recipe.outputs).map(([name, template]) => [name, resolve(template, scope.view('outputs'))]));
    return await options.log.update(run.id, { state: 'completed', context: scope.context, outputs, error: null });
  } catch (error) {
    const current = await options.log.get(run.id);
    // Interrupted (Ctrl-C, SIGTERM): the run stays as it is, to be resumed; cancelled: already recorded.
    if (options.signal.aborted || current.state === 'cancelled') return current;
    const message = error instanceof Error ? error.message : String(error);
    return await options.log.update(run.id, { state: 'failed', context: scope.context, error: message });
  } finally {
    stop.abort();
    await watch.close();
  }
}
