/**
 * The bus says "something changed"; the store says what. Subscribers are woken and then read by
 * cursor, so a missed wake-up never loses data. A second node only needs to forward wake-ups.
 */
export type HubEvent =
  | { type: 'message'; channelId: number; seq: number }
  | { type: 'document'; documentId: string; version: number }
  /** A handoff or alert changed state, holder, lease or escalation. */
  | { type: 'task'; taskId: string }
  | { type: 'alert_escalated'; taskId: string }
  /** A recipe run was created, changed state, or saved a step. */
  | { type: 'run'; runId: string }
  | { type: 'notice'; sessionId: string }
  /** Events may have been missed (another node's were not heard for a while): every reader reads again. */
  | { type: 'resync' }
  | { type: 'shutdown' };

export type Listener = (event: HubEvent) => void;

export interface EventBus {
  publish(event: HubEvent): void;
  /** Returns the function that unsubscribes. */
  subscribe(listener: Listener): () => void;
}

/** Listeners in this process; typed by its events, so other in-process news can use it too. */
export class LocalBus<E = HubEvent> {
  private readonly listeners = new Set<(event: E) => void>();

  publish(event: E): void {
    for (const listener of [...this.listeners]) listener(event);
  }

  subscribe(listener: (event: E) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get size(): number {
    return this.listeners.size;
  }
}
