import { mkdtemp, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { TaskView } from '../client/wire-types.js';
import { runCommand, type CommandEnd, type RunningCommand } from './agent-command.js';
import { isConflict, messageOf } from './hub-errors.js';
import { withRetry } from './hub-retry.js';
import { LeaseKeeper } from './lease-keeper.js';
import { readOutput } from './read-output.js';
import { failureReason, resultText, summary } from './report-text.js';
import { taskEnv } from './task-env.js';
import type { WorkerHub } from './worker-hub.js';
import type { WorkerLog } from './worker-log.js';
import type { WorkerOptions } from './worker-options.js';

export interface RunContext {
  hub: WorkerHub;
  options: WorkerOptions;
  log: WorkerLog;
  /** A directory for the commands' output while they run. */
  scratch: string;
}

export type RunEnd = 'completed' | 'failed' | 'released' | 'lost' | 'problem';

type Abandoned = { kind: 'stopping' | 'lost'; why: string };

/**
 * One claimed handoff, from its prompt to its end: the command runs with the prompt on stdin
 * while the lease is kept; its exit completes (with the output as a document) or fails the task.
 * A worker that stops gives the task back; a lease that is lost leaves it to its new holder.
 */
export class TaskRun {
  readonly ended: Promise<RunEnd>;
  private abandoned: Abandoned | undefined;
  private command: RunningCommand | undefined;
  private running = false;
  private scratchDir: string | undefined;
  private readonly startedAt = performance.now();

  /** `task` is the task as the claim left it: held by this worker, with its claim number. */
  constructor(
    private readonly ctx: RunContext,
    readonly task: TaskView,
  ) {
    this.ended = this.run();
  }

  /** Stops the command (if it runs yet); the task is then released (stopping) or let go (lost). */
  abandon(kind: Abandoned['kind'], why: string): Promise<RunEnd> {
    this.abandoned ??= { kind, why };
    if (this.running) this.command?.stop();
    return this.ended;
  }

  /** For a worker leaving at once: the command dies with it. */
  kill(): void {
    this.command?.kill();
  }

  /** News of the task from the hub: another claim, a cancel or an expiry means the lease is gone. */
  seen(view: TaskView): void {
    // A view older than this claim (an event read just before it) says nothing about it.
    if (!this.running || view.claim < this.task.claim) return;
    if (view.state === 'claimed' && view.holder_id === this.ctx.hub.session) return;
    void this.abandon('lost', `it is ${view.state}${view.holder ? `, held by ${view.holder}` : ''}`);
  }

  private async run(): Promise<RunEnd> {
    try {
      const prompt = (await withRetry(() => this.ctx.hub.client.message(this.task.id))).content;
      if (this.abandoned) return await this.settleAbandoned();
      const { end, stdoutFile } = await this.execute(prompt);
      if (this.abandoned) return await this.settleAbandoned();
      return await (end.code === 0 && !end.error ? this.complete(end, stdoutFile) : this.fail(end));
    } catch (error) {
      return await this.failedToFinish(error);
    } finally {
      if (this.scratchDir) await rm(this.scratchDir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /** Runs the command while keeping the lease; returns how it ended and where its output is. */
  private async execute(prompt: string): Promise<{ end: CommandEnd; stdoutFile: string }> {
    this.scratchDir = await mkdtemp(join(this.ctx.scratch, `${this.task.id}-`));
    const stdoutFile = join(this.scratchDir, 'stdout');
    const keeper = new LeaseKeeper(this.ctx.hub.client, this.leaseTerms(), (why) => void this.abandon('lost', why));
    try {
      this.command = runCommand({ command: this.ctx.options.exec, input: prompt, env: taskEnv(this.ctx.hub, this.task), stdoutFile });
      this.running = true;
      // Asked to stop while the command was being started.
      if (this.abandoned) this.command.stop();
      const end = await this.command.ended;
      return { end, stdoutFile };
    } finally {
      this.running = false;
      keeper.stop();
    }
  }

  private leaseTerms() {
    const granted = Date.parse(this.task.lease_expires_at ?? '') - Date.parse(this.task.claimed_at ?? '');
    const leaseSeconds = this.ctx.options.leaseSeconds;
    return { taskId: this.task.id, claim: this.task.claim, leaseSeconds, leaseMs: granted > 0 ? granted : (leaseSeconds ?? 900) * 1000 };
  }

  /** Exit 0: the output becomes `results/<id>.md`, and the task is completed with it (cut to fit) and its link. */
  private async complete(end: CommandEnd, stdoutFile: string): Promise<RunEnd> {
    const { client } = this.ctx.hub;
    let document: { url: string } | { problem: string };
    try {
      const uploaded = await withRetry(() => client.uploadFile(stdoutFile, { path: `results/${this.task.id}.md`, content_type: 'text/markdown' }));
      document = { url: uploaded.document.web_url };
    } catch (error) {
      document = { problem: messageOf(error) };
      this.ctx.log.tell({ event: 'problem', task: this.task.id, reason: `could not upload the output: ${messageOf(error)}` });
    }
    const result = resultText(await readOutput(stdoutFile, end.stdoutBytes), document);
    const links = 'url' in document ? [document.url] : [];
    await withRetry(() => client.complete(this.task.id, { result, links, claim: this.task.claim }));
    this.ctx.log.tell({ event: 'completed', task: this.task.id, seconds: this.seconds(), document: 'url' in document ? document.url : null });
    return 'completed';
  }

  /** A non-zero exit or a signal: the task fails with the end of stderr; the hub raises `🚨 Blocked` in alerts. */
  private async fail(end: CommandEnd): Promise<RunEnd> {
    const reason = failureReason(end.stderr, end);
    await withRetry(() => this.ctx.hub.client.fail(this.task.id, reason, this.task.claim));
    this.ctx.log.tell({ event: 'failed', task: this.task.id, seconds: this.seconds(), reason: summary(reason) });
    return 'failed';
  }

  private async settleAbandoned(): Promise<RunEnd> {
    const { kind, why } = this.abandoned!;
    if (kind === 'lost') {
      this.ctx.log.tell({ event: 'lost', task: this.task.id, reason: why });
      return 'lost';
    }
    await withRetry(() => this.ctx.hub.client.release(this.task.id, why));
    this.ctx.log.tell({ event: 'released', task: this.task.id, reason: why });
    return 'released';
  }

  /** The hub refused the end (the lease went meanwhile) or never answered: said, never thrown. */
  private async failedToFinish(error: unknown): Promise<RunEnd> {
    if (isConflict(error)) {
      this.ctx.log.tell({ event: 'lost', task: this.task.id, reason: messageOf(error) });
      return 'lost';
    }
    this.ctx.log.tell({ event: 'problem', task: this.task.id, reason: messageOf(error) });
    // Still ours, perhaps: give it back rather than leave it stuck until the lease lapses.
    await this.ctx.hub.client.release(this.task.id, `worker ${this.ctx.options.name}: ${messageOf(error)}`.slice(0, 2000)).catch(() => undefined);
    return 'problem';
  }

  /** Since the claim, to the tenth. */
  private seconds(): number {
    return Math.round((performance.now() - this.startedAt) / 100) / 10;
  }
}
