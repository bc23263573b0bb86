import type { Message } from '../domain/types.js';
import type { EventBus } from '../events/bus.js';
import type { Store } from '../store/store.js';
import { withTasks } from './with-tasks.js';

export interface ScanRead {
  /** Read before the batch: every message at or below it was visible to the batch's query. */
  head: number;
  batch: Message[];
}

/**
 * One post wakes every waiter on its channel at once; most of them wait from the same cursor, so
 * they share one read of the store instead of each running its own. A shared read lives until the
 * next message event or the end of the current turn of the event loop, whichever comes first, so
 * no waiter ever gets a read older than the wake-up that woke it.
 */
export class SharedReads {
  private readonly reads = new Map<string, Promise<ScanRead>>();

  constructor(
    private readonly store: Store,
    bus: EventBus,
  ) {
    bus.subscribe((event) => {
      if (event.type === 'message' || event.type === 'resync') this.reads.clear();
    });
  }

  after(channelIds: number[], after: number, limit: number): Promise<ScanRead> {
    const key = `${[...channelIds].sort((a, b) => a - b).join(',')}@${after}/${limit}`;
    const known = this.reads.get(key);
    if (known) return known;
    if (this.reads.size === 0) setImmediate(() => this.reads.clear());
    const read = this.read(channelIds, after, limit);
    this.reads.set(key, read);
    return read;
  }

  /** The batch comes with its handoffs' and alerts' state, looked up once for every waiter sharing it. */
  private async read(channelIds: number[], after: number, limit: number): Promise<ScanRead> {
    const head = await this.store.messages.head();
    const batch = await this.store.messages.after({ channelIds, after, limit });
    await withTasks(this.store, batch);
    return { head, batch };
  }
}
