import { spawn } from 'node:child_process';
import { resolve as resolvePath } from 'node:path';
import type { HubClient } from '../../client/hub-client.js';
import type { TaskView } from '../../client/wire-types.js';
import type { Step } from '../model.js';
import type { StepRecord } from '../run-log.js';
import type { HubWatch } from './hub-watch.js';

/** What one execution of a step needs from the run. */
export interface Execution {
  step: Step;
  record: StepRecord;
  /** The rendered prompt (agent), command (bash). */
  text: string;
  /** The handoff's name: `<recipe> · <step> [· <item>]`. */
  title: string;
  signal: AbortSignal;
  /** Persists the record as it changes (the handoff id before waiting, so a resume finds it). */
  save(record: StepRecord): Promise<void>;
}

export interface AgentDeps {
  client: HubClient;
  watch: HubWatch;
  channel: string;
}

const FINISHED = new Set(['completed', 'failed', 'cancelled']);

/**
 * An agent step is a handoff: posted once (a resume finds the one already out and waits on it), then
 * waited on, without polling, until a worker completes it. Its result is what the worker returned.
 * A handoff nobody claims within the step's claim deadline is escalated to `alerts`, once.
 */
export async function runAgent(x: Execution, deps: AgentDeps): Promise<unknown> {
  let taskId = x.record.taskId;
  if (!taskId) {
    const created = await deps.client.createTask({ task: x.title, body: x.text, labels: x.step.agent ? [x.step.agent] : [], channel: deps.channel });
    taskId = created.task.id;
    await x.save({ ...x.record, taskId, state: 'waiting' });
  }
  const escalation = x.step.claimDeadlineSeconds === null ? undefined : escalateIfUnclaimed(taskId, x, deps);
  try {
    const task = await deps.watch.task(taskId, (t) => FINISHED.has(t.state), x.signal);
    if (task.state !== 'completed') throw new Error(`handoff ${task.id} ${task.state}: ${task.reason ?? 'no reason given'}`);
    return task.result ?? '';
  } finally {
    escalation?.abort();
  }
}

function escalateIfUnclaimed(taskId: string, x: Execution, deps: AgentDeps): AbortController {
  const stop = new AbortController();
  const signal = AbortSignal.any([stop.signal, x.signal, AbortSignal.timeout(x.step.claimDeadlineSeconds! * 1000)]);
  const claimed = (t: TaskView) => t.state !== 'open';
  void deps.watch.task(taskId, claimed, signal).catch(async () => {
    if (stop.signal.aborted || x.signal.aborted) return;
    await deps.client.alert({ task: `Nobody claimed ${x.title} (${taskId}) within ${x.step.claimDeadlineSeconds} s`, severity: 'high' }).catch(() => undefined);
  });
  return stop;
}

/** Where a bash step runs: the recipe's folder, or its `cwd` (rendered) from there, with its `env` (rendered) added. */
export interface Shell {
  dir: string;
  cwd: string | null;
  env: Record<string, string>;
}

/** A bash step runs where the runner runs; a non-zero exit fails it with the end of its stderr. */
export function runBash(x: Execution, shell: Shell): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('sh', ['-c', x.text], { cwd: shell.cwd ? resolvePath(shell.dir, shell.cwd) : shell.dir, env: { ...process.env, ...shell.env }, signal: x.signal });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve(stdout.trimEnd()) : reject(new Error(stderr.trim() || `exited with code ${code}`))));
  });
}
