import pg from 'pg';
import type { EventBus, HubEvent, Listener } from './bus.js';
import { LocalBus } from './bus.js';

/** What crosses between nodes besides a workspace's wake-ups: changes every node must apply to what it keeps in memory. */
export type ControlEvent =
  | { type: 'workspace_created'; name: string }
  | { type: 'workspace_removed'; name: string }
  | { type: 'workspace_changed'; name: string }
  | { type: 'token_revoked'; id: string };

/** One notification: the node it came from, and its events in the order they were published. */
interface Envelope {
  n: string;
  e: ({ w: string; h: HubEvent } | { c: ControlEvent })[];
}

const CHANNEL = 'baton_events';
/** PostgreSQL refuses payloads of 8000 bytes or more; a batch is split below that. */
const MAX_PAYLOAD = 7000;

export interface RelayOptions {
  url: string;
  node: string;
  onError: (message: string, error: unknown) => void;
  /** Wait before listening again after the connection is lost (doubles up to 5 s). */
  retryMs?: number;
}

/**
 * Carries events between hub nodes over PostgreSQL LISTEN/NOTIFY. An event is only a wake-up: a
 * reader woken by one reads the store by cursor, so an event lost on the way (a dropped connection,
 * a node killed between its commit and its notify) delays a reader but never loses data. Events
 * published on this node reach its own listeners at once; the others get them once per tick, in
 * one notification per batch.
 */
export class PgRelay {
  private readonly buses = new Map<string, LocalBus>();
  private readonly control = new LocalBus<ControlEvent>();
  private readonly sender: pg.Pool;
  private listener: pg.Client | undefined;
  private outbox: Envelope['e'] = [];
  private closed = false;
  private retryMs: number;

  constructor(private readonly options: RelayOptions) {
    this.sender = new pg.Pool({ connectionString: options.url, max: 2, application_name: 'baton-relay' });
    this.sender.on('error', () => {});
    this.retryMs = options.retryMs ?? 100;
  }

  /** Listens before returning, so nothing published by another node after start() is missed. */
  async start(): Promise<void> {
    await this.listen();
  }

  /** The event bus of one workspace on this node. */
  bus(workspace: string): EventBus {
    let local = this.buses.get(workspace);
    if (!local) this.buses.set(workspace, (local = new LocalBus()));
    const relay = this;
    const bus = local;
    return {
      publish(event: HubEvent) {
        bus.publish(event);
        // Shutdown is this node's own business.
        if (event.type !== 'shutdown') relay.send({ w: workspace, h: event });
      },
      subscribe: (listener: Listener) => bus.subscribe(listener),
    };
  }

  /** Tells every other node about a change to what nodes keep in memory. */
  announce(event: ControlEvent): void {
    this.send({ c: event });
  }

  /**
   * Control events from the other nodes. A listener that fails, at once or later, is reported as an
   * error of this node: it must not stop the others hearing, nor end the process.
   */
  onControl(listener: (event: ControlEvent) => void | Promise<void>): () => void {
    return this.control.subscribe((event) => {
      Promise.resolve()
        .then(() => listener(event))
        .catch((error: unknown) => this.options.onError(`could not apply ${event.type} from another node`, error));
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
    await this.listener?.end().catch(() => {});
    await this.sender.end();
  }

  private send(item: Envelope['e'][number]): void {
    if (this.closed) return;
    if (this.outbox.length === 0) setImmediate(() => void this.flush());
    this.outbox.push(item);
  }

  private async flush(): Promise<void> {
    const items = this.outbox;
    this.outbox = [];
    for (const payload of batches(this.options.node, items)) {
      await this.sender.query('SELECT pg_notify($1, $2)', [CHANNEL, payload]).catch((error: unknown) => this.options.onError('could not notify the other nodes', error));
    }
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({ connectionString: this.options.url, application_name: 'baton-listen' });
    client.on('notification', (message) => message.payload && this.receive(message.payload));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    await client.connect();
    await client.query(`LISTEN ${CHANNEL}`);
    this.listener = client;
  }

  /** Listens again, then wakes every reader of this node: whatever came meanwhile was not heard. */
  private lost(client: pg.Client, error: unknown): void {
    if (this.closed || this.listener !== client) return;
    this.listener = undefined;
    this.options.onError('lost the connection that hears other nodes; listening again', error);
    const retry = () => {
      if (this.closed) return;
      this.listen().then(
        () => {
          this.retryMs = this.options.retryMs ?? 100;
          for (const bus of this.buses.values()) bus.publish({ type: 'resync' });
        },
        () => setTimeout(retry, (this.retryMs = Math.min(this.retryMs * 2, 5000))).unref(),
      );
    };
    setTimeout(retry, this.retryMs).unref();
  }

  private receive(payload: string): void {
    let envelope: Envelope;
    try {
      envelope = JSON.parse(payload) as Envelope;
    } catch {
      return;
    }
    if (envelope.n === this.options.node || !Array.isArray(envelope.e)) return;
    for (const item of envelope.e) {
      if ('c' in item) this.control.publish(item.c);
      else this.buses.get(item.w)?.publish(item.h);
    }
  }
}

/** The items as JSON payloads each under the size PostgreSQL takes. */
function* batches(node: string, items: Envelope['e']): Generator<string> {
  let batch: Envelope['e'] = [];
  let size = 0;
  for (const item of items) {
    const length = JSON.stringify(item).length + 1;
    if (batch.length > 0 && size + length > MAX_PAYLOAD) {
      yield JSON.stringify({ n: node, e: batch });
      batch = [];
      size = 0;
    }
    batch.push(item);
    size += length;
  }
  if (batch.length > 0) yield JSON.stringify({ n: node, e: batch });
}
