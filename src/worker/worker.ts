import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isHubClientError } from '../client/client-error.js';
import type { TaskView } from '../client/wire-types.js';
import { announceStart, announceStop, type Tally } from './announcements.js';
import { Backoff } from '../client/backoff.js';
import { Candidates } from './candidates.js';
import { isTransient, messageOf } from './hub-errors.js';
import { TaskRun, type RunContext, type RunEnd } from './task-run.js';
import { followTasks } from './task-stream.js';
import type { WorkerHub } from './worker-hub.js';
import type { WorkerLog } from './worker-log.js';
import { WorkerOptionError, type WorkerOptions } from './worker-options.js';

/** The hub's largest task list. */
const LIST_MAX = 500;

/**
 * An instance that takes handoffs: it follows the hub's live stream (no polling), claims what it
 * wants while it has room, and runs each claim as a TaskRun. Stopping gives back what it holds.
 */
export class Worker {
  private readonly candidates: Candidates;
  private readonly runs = new Map<string, TaskRun>();
  private readonly tally: Tally = { completed: 0, failed: 0, released: 0 };
  private readonly stream = new AbortController();
  private readonly retry = new Backoff(500, 15_000);
  private ctx: RunContext | undefined;
  private filling: Promise<void> | undefined;
  private listing: Promise<void> | undefined;
  private listAgain = false;
  /** The last list was full: more open handoffs may wait beyond it. */
  private more = false;
  /** Pending retries, by what they retry. */
  private readonly timers = new Map<'list' | 'claim', NodeJS.Timeout>();
  private stopping: Promise<void> | undefined;
  private fatal: Error | undefined;
  private readonly stopped: Promise<void>;
  private markStopped!: () => void;

  constructor(
    private readonly hub: WorkerHub,
    private readonly options: WorkerOptions,
    private readonly log: WorkerLog,
  ) {
    this.candidates = new Candidates(options.labels);
    this.stopped = new Promise((resolve) => (this.markStopped = resolve));
  }

  /** Announces itself and takes handoffs until stopped; throws what made it stop when that was a failure. */
  async run(): Promise<void> {
    await announceStart(this.hub, this.options);
    this.ctx = { hub: this.hub, options: this.options, log: this.log, scratch: await mkdtemp(join(tmpdir(), 'baton-worker-')) };
    const { name, labels, concurrency } = this.options;
    this.log.tell({ event: 'started', name, session: this.hub.session, workspace: this.hub.workspace, labels, concurrency });
    followTasks(
      { baseUrl: this.hub.baseUrl, token: this.hub.token },
      {
        ready: () => {
          this.log.tell({ event: 'watching', url: this.hub.baseUrl });
          void this.listOpen();
        },
        task: (task) => this.seen(task),
        dropped: (reason, retryMs) => this.log.tell({ event: 'dropped', reason, retry_ms: retryMs }),
      },
      this.stream.signal,
    ).catch((error: unknown) => this.fail(error instanceof Error ? error : new Error(messageOf(error))));
    await this.stopped;
    if (this.fatal) throw this.fatal;
  }

  /** Stops taking work, stops the commands, gives back every task held, and says so in general. */
  stop(reason: string): Promise<void> {
    this.stopping ??= this.windDown(reason);
    return this.stopping;
  }

  /** Leaves at once: the commands are killed and nothing is given back (the leases will lapse). */
  kill(): void {
    for (const run of this.runs.values()) run.kill();
  }

  private fail(error: Error): void {
    this.fatal ??= error;
    void this.stop(error.message);
  }

  private async windDown(reason: string): Promise<void> {
    this.log.tell({ event: 'stopping', reason });
    this.stream.abort();
    for (const timer of this.timers.values()) clearTimeout(timer);
    await this.filling;
    const why = `worker ${this.options.name} stopping`;
    await Promise.allSettled([...this.runs.values()].map((run) => run.abandon('stopping', why)));
    await announceStop(this.hub, this.options, this.tally).catch((error: unknown) =>
      this.log.tell({ event: 'problem', task: null, reason: `could not announce the stop: ${messageOf(error)}` }),
    );
    if (this.ctx) await rm(this.ctx.scratch, { recursive: true, force: true }).catch(() => undefined);
    this.log.tell({ event: 'stopped', ...this.tally });
    this.markStopped();
  }

  /** A task as it is now, from the stream. */
  private seen(task: TaskView): void {
    const run = this.runs.get(task.id);
    if (run) return run.seen(task);
    this.candidates.see(task);
    this.fill();
  }

  /** Reads what is open now (on every connection: changes while disconnected were not seen). */
  private listOpen(): Promise<void> {
    if (this.listing) {
      this.listAgain = true;
      return this.listing;
    }
    this.listing = this.readOpen().finally(() => {
      this.listing = undefined;
      if (this.listAgain) {
        this.listAgain = false;
        void this.listOpen();
      }
    });
    return this.listing;
  }

  private async readOpen(): Promise<void> {
    const labels = this.options.labels.length ? this.options.labels : [undefined];
    try {
      const list = (label: string | undefined) => this.hub.client.tasks({ kind: 'handoff', state: 'open', limit: LIST_MAX, ...(label ? { label } : {}) });
      const lists = await Promise.all(labels.map(list));
      this.more = lists.some((list) => list.length === LIST_MAX);
      for (const task of lists.flat()) if (!this.runs.has(task.id)) this.candidates.see(task);
      this.fill();
    } catch (error) {
      this.log.tell({ event: 'problem', task: null, reason: `could not list the open handoffs: ${messageOf(error)}` });
      if (!this.stopping) this.later('list', () => void this.listOpen());
    }
  }

  /** Claims while there is room and something to claim, one claim at a time. */
  private fill(): void {
    if (this.stopping || this.filling || !this.ctx) return;
    this.filling = this.claimWhileRoom().finally(() => (this.filling = undefined));
  }

  private async claimWhileRoom(): Promise<void> {
    while (!this.stopping && this.runs.size < this.options.concurrency) {
      const task = this.candidates.take();
      if (!task) {
        if (this.more) void this.listOpen();
        return;
      }
      if (!(await this.claim(task))) return;
    }
  }

  /** False when claiming should pause: the hub is away or busy, or the worker is stopping. */
  private async claim(task: TaskView): Promise<boolean> {
    let claimed: TaskView;
    try {
      claimed = (await this.hub.client.claim(task.id, this.options.leaseSeconds)).task;
    } catch (error) {
      if (isTransient(error)) {
        this.candidates.see(task);
        this.later('claim', () => this.fill());
        return false;
      }
      if (isHubClientError(error) && error.field === 'lease_seconds') {
        this.fail(new WorkerOptionError('--lease', error.message.replace(/^lease_seconds: /, '')));
        return false;
      }
      // Someone else was first (409), or it is no longer a handoff to take: move on.
      return true;
    }
    this.retry.reset();
    this.log.tell({ event: 'claimed', task: claimed.id, title: claimed.task, claim: claimed.claim });
    const run = new TaskRun(this.ctx!, claimed);
    this.runs.set(claimed.id, run);
    // Claimed as the worker began to stop: its wind-down waited for this claim, so the run is stopped here.
    if (this.stopping) void run.abandon('stopping', `worker ${this.options.name} stopping`);
    void run.ended.then((end) => this.ended(claimed.id, end));
    return !this.stopping;
  }

  private ended(id: string, end: RunEnd): void {
    this.runs.delete(id);
    if (end === 'completed' || end === 'failed' || end === 'released') this.tally[end]++;
    this.fill();
  }

  private later(what: 'list' | 'claim', step: () => void): void {
    if (this.timers.has(what) || this.stopping) return;
    const timer = setTimeout(() => {
      this.timers.delete(what);
      step();
    }, this.retry.next());
    this.timers.set(what, timer);
  }
}
