import type { Server } from '@modelcontextprotocol/sdk/server/index.js';
import type { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import type { RequestId } from '@modelcontextprotocol/sdk/types.js';
import type { SessionBinding } from './session-binding.js';

/** One open MCP session: its transport, its server, the Baton session it speaks for. */
export interface McpSession {
  transport: WebStandardStreamableHTTPServerTransport;
  server: Server;
  binding: SessionBinding;
  lastActive: number;
  /** Tool calls in flight. */
  calls: number;
  /** The HTTP request signal of each tool call in flight, by JSON-RPC id. */
  connections: Map<RequestId, AbortSignal>;
}

/** Gives shutdown this long to let calls in flight (woken waits) answer before transports close. */
const ANSWER_GRACE_MS = 5_000;

/** The open MCP sessions by MCP session id, and the tool calls in flight. */
export class McpSessions {
  private readonly open = new Map<string, McpSession>();
  private readonly inFlight = new Set<Promise<unknown>>();

  add(id: string, session: McpSession): void {
    this.open.set(id, session);
  }

  get(id: string): McpSession | undefined {
    const session = this.open.get(id);
    if (session) session.lastActive = Date.now();
    return session;
  }

  remove(id: string): void {
    this.open.delete(id);
  }

  get size(): number {
    return this.open.size;
  }

  track(call: Promise<unknown>, session: McpSession): void {
    this.inFlight.add(call);
    session.calls += 1;
    void call.finally(() => {
      this.inFlight.delete(call);
      session.calls -= 1;
    });
  }

  /** Closes sessions nobody has used for maxIdleMs and that have no call in flight. */
  async closeIdle(maxIdleMs: number, now = Date.now()): Promise<void> {
    const idle = [...this.open].filter(([, s]) => now - s.lastActive > maxIdleMs && s.calls === 0);
    await Promise.all(idle.map(([id, s]) => this.closeOne(id, s)));
  }

  /** Lets calls in flight answer (the hub has already woken its waiters), then closes every session. */
  async closeAll(): Promise<void> {
    const settled = Promise.allSettled([...this.inFlight]);
    await Promise.race([settled, new Promise((r) => setTimeout(r, ANSWER_GRACE_MS).unref())]);
    // The answers are written to their streams on the turn after the calls settle.
    await new Promise((r) => setImmediate(r));
    await Promise.all([...this.open].map(([id, s]) => this.closeOne(id, s)));
  }

  private async closeOne(id: string, session: McpSession): Promise<void> {
    this.open.delete(id);
    await session.server.close().catch(() => {});
  }
}
