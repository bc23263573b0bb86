import type { HubClient } from '../../client/hub-client.js';
import { followEvents, type LiveEvent } from '../../client/live-events.js';
import type { TaskView } from '../../client/wire-types.js';
import type { RunLog, RunRecord } from '../run-log.js';

type Check<T> = (value: T) => boolean;

interface Waiter<T> {
  id: string;
  done: Check<T>;
  resolve(value: T): void;
}

/** What a waiter waits on: a task (by its `task` events) or a run (by its `run` events), with who waits on which. */
interface Source<T> {
  event: string;
  read(id: string): Promise<T>;
  /** The value an event carries (a run's event is read back through the run log, in its own shape). */
  fromEvent(data: unknown): Promise<T>;
  waiters: Set<Waiter<T>>;
}

/**
 * Waits for tasks and runs to reach a state without polling: one live stream for the whole run, each
 * `task` or `run` event handed to whoever waits on it. When the stream (re)connects, what every
 * waiter waits on is read once, so a change made while it was down is not missed.
 */
export class HubWatch {
  private readonly stop = new AbortController();
  private readonly following: Promise<void>;
  private readonly tasks: Source<TaskView>;
  private readonly runs: Source<RunRecord>;

  constructor(client: HubClient, log: RunLog) {
    this.tasks = { event: 'task', read: (id) => client.task(id), fromEvent: async (data) => data as TaskView, waiters: new Set() };
    this.runs = { event: 'run', read: (id) => log.get(id), fromEvent: (data) => log.get((data as { id: string }).id), waiters: new Set() };
    this.following = this.follow(client).catch(() => undefined);
  }

  /** Resolves with the task once `done` says so (at once if it already does). */
  task(id: string, done: Check<TaskView>, signal: AbortSignal): Promise<TaskView> {
    return this.until(this.tasks, id, done, signal);
  }

  /** Resolves with the run once `done` says so: an approval decided, say. */
  run(id: string, done: Check<RunRecord>, signal: AbortSignal): Promise<RunRecord> {
    return this.until(this.runs, id, done, signal);
  }

  private async until<T>(source: Source<T>, id: string, done: Check<T>, signal: AbortSignal): Promise<T> {
    signal.throwIfAborted();
    const now = await source.read(id);
    if (done(now)) return now;
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter<T> = { id, done, resolve: (value) => (cleanup(), resolve(value)) };
      const onAbort = () => (cleanup(), reject(signal.reason ?? new Error('stopped')));
      const cleanup = () => {
        source.waiters.delete(waiter);
        signal.removeEventListener('abort', onAbort);
      };
      signal.addEventListener('abort', onAbort, { once: true });
      source.waiters.add(waiter);
    });
  }

  async close(): Promise<void> {
    this.stop.abort();
    await this.following;
  }

  private follow(client: HubClient): Promise<void> {
    const sources = [this.tasks, this.runs] as Source<unknown>[];
    const event = async ({ event, data }: LiveEvent): Promise<void> => {
      if (event === 'ready') await Promise.all(sources.map((source) => this.recheck(source)));
      const id = (data as { id?: unknown } | undefined)?.id;
      for (const source of sources) {
        // Only what someone waits on is read: the hub announces every task and run of the workspace.
        if (source.event === event && typeof id === 'string' && this.awaited(source, id)) this.offer(source, id, await source.fromEvent(data));
      }
    };
    return followEvents(client.liveTarget, { event: (e) => void event(e).catch(() => undefined) }, this.stop.signal);
  }

  private awaited<T>(source: Source<T>, id: string): boolean {
    return [...source.waiters].some((w) => w.id === id);
  }

  private offer<T>(source: Source<T>, id: string, value: T): void {
    for (const waiter of [...source.waiters]) if (waiter.id === id && waiter.done(value)) waiter.resolve(value);
  }

  private async recheck<T>(source: Source<T>): Promise<void> {
    const ids = new Set([...source.waiters].map((w) => w.id));
    for (const id of ids) this.offer(source, id, await source.read(id));
  }
}
