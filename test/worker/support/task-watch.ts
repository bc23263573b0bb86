import type { HubClient } from '../../../src/client/hub-client.js';
import type { TaskView } from '../../../src/client/wire-types.js';
import { openEvents } from '../../support/sse-client.js';

type Check = (task: TaskView) => boolean;

/**
 * Follows a workspace's task changes on its live stream, so a test waits for a state (claimed,
 * completed, renewed) as it happens rather than asking again and again.
 */
export class TaskWatch {
  private readonly waiters: { id: string; check: Check; resolve: (task: TaskView) => void }[] = [];
  /** Every version of each task seen, in order. */
  readonly history = new Map<string, TaskView[]>();

  private constructor(private readonly client: HubClient) {}

  /** `base` is the workspace's base URL. */
  static async open(client: HubClient, base: string): Promise<TaskWatch> {
    const watch = new TaskWatch(client);
    const stream = await openEvents(`${base}/api/v1/events?channels=handoffs`);
    if (!(await stream.nextOf('ready'))) throw new Error(`no event stream at ${base}`);
    void (async () => {
      for (let event = await stream.nextOf('task'); event; event = await stream.nextOf('task')) watch.seen(JSON.parse(event.data) as TaskView);
    })();
    return watch;
  }

  /** The task once `check` holds for it: now, or at a later change. */
  async until(id: string, check: Check): Promise<TaskView> {
    const later = new Promise<TaskView>((resolve) => this.waiters.push({ id, check, resolve }));
    const now = await this.client.task(id);
    if (check(now)) return now;
    return later;
  }

  private seen(task: TaskView): void {
    this.history.set(task.id, [...(this.history.get(task.id) ?? []), task]);
    for (const waiter of [...this.waiters]) {
      if (waiter.id !== task.id || !waiter.check(task)) continue;
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve(task);
    }
  }
}
