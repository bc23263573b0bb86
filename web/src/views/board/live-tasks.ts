import { signal } from '@preact/signals';
import { useEffect, useMemo } from 'preact/hooks';
import { api } from '../../api/http.js';
import type { TaskList, TaskView } from '../../api/types.js';
import { on } from '../../state/live.js';

/** How many tasks of each state one read brings; a column shows "200+" when it is full. */
export const PER_STATE = 200;

type Kind = TaskView['kind'];
type State = TaskView['state'];

/**
 * The tasks of one kind, kept in memory and changed by the live stream as they move. Read once per
 * state, and again whenever the stream (re)opens, since changes made while it was closed are not
 * replayed. No polling.
 */
export class LiveTasks {
  readonly byId = signal<ReadonlyMap<string, TaskView>>(new Map());
  /** A refusal per task (someone else changed it first), kept here so it survives the card moving column. */
  readonly notes = signal<ReadonlyMap<string, unknown>>(new Map());
  readonly failure = signal<unknown>(undefined);
  readonly loaded = signal(false);
  /** Tasks the stream changed while the latest read was on its way: the read may predate them. */
  private touched = new Set<string>();
  private reads = 0;

  constructor(
    private readonly kind: Kind,
    private readonly states: readonly State[],
  ) {}

  /** Follows the stream; returns the function that stops following it. */
  follow(): () => void {
    const stops = [on('task', (task) => this.put(task)), on('ready', () => void this.read())];
    void this.read();
    return () => stops.forEach((stop) => stop());
  }

  /** A task as it is now (from the stream or an action's answer), unless a newer one is already known. */
  put(task: TaskView): void {
    if (task.kind !== this.kind) return;
    this.touched.add(task.id);
    const known = this.byId.value.get(task.id);
    if (known && newer(known, task)) return;
    this.byId.value = new Map(this.byId.value).set(task.id, task);
  }

  note(id: string, error: unknown): void {
    const notes = new Map(this.notes.value);
    if (error === undefined) notes.delete(id);
    else notes.set(id, error);
    this.notes.value = notes;
  }

  async read(): Promise<void> {
    const mine = ++this.reads;
    this.touched = new Set();
    try {
      const lists = await Promise.all(this.states.map((state) => api<TaskList>('/tasks', { query: { kind: this.kind, state, limit: PER_STATE } })));
      if (mine !== this.reads) return;
      const read = new Map(lists.flatMap((list) => list.tasks).map((task) => [task.id, task]));
      for (const id of this.touched) {
        const live = this.byId.value.get(id);
        const old = read.get(id);
        if (live && (!old || !newer(old, live))) read.set(id, live);
      }
      this.byId.value = read;
      this.failure.value = undefined;
      this.loaded.value = true;
    } catch (error) {
      if (mine === this.reads) this.failure.value = error;
    }
  }

  /** The tasks in these states. */
  inStates(states: readonly State[]): TaskView[] {
    return [...this.byId.value.values()].filter((task) => states.includes(task.state));
  }
}

const newer = (a: TaskView, b: TaskView): boolean => Date.parse(a.updated_at) > Date.parse(b.updated_at);

/** One LiveTasks for the life of a view. */
export function useLiveTasks(kind: Kind, states: readonly State[]): LiveTasks {
  const tasks = useMemo(() => new LiveTasks(kind, states), [kind, states]);
  useEffect(() => tasks.follow(), [tasks]);
  return tasks;
}
