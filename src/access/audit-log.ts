import { z } from 'zod';
import { intIn, parseInput } from '../core/validate.js';
import { iso } from '../core/clock.js';
import type { AuditEntry, AuditSink } from '../hub/audit.js';
import type { AuditStore } from '../store/control.js';

interface Pending {
  entry: AuditEntry;
  done: () => void;
  failed: (error: unknown) => void;
}

const QueryInput = z.object({
  workspace: z.string().max(100).optional(),
  token: z.string().max(100).optional(),
  session: z.string().max(100).optional(),
  action: z.string().max(100).optional(),
  after: z.coerce.number().int().min(0).optional(),
  limit: intIn(1, 1000).default(100),
});

/**
 * The audit log. Entries of one turn of the event loop are written in one transaction (a group
 * commit), so recording every write costs a fraction of a commit each; each caller is answered only
 * once its entry is stored.
 */
export class AuditLog implements AuditSink {
  private pending: Pending[] = [];

  constructor(private readonly store: AuditStore) {}

  record(entry: AuditEntry): Promise<void> {
    return new Promise((done, failed) => {
      if (this.pending.length === 0) setImmediate(() => void this.flush());
      this.pending.push({ entry, done, failed });
    });
  }

  /** Forgets entries older than `keepMs` (0 keeps everything); returns how many went. */
  async prune(now: number, keepMs: number): Promise<number> {
    return keepMs > 0 ? this.store.prune(now - keepMs) : 0;
  }

  /** Writes what is waiting; also called on shutdown. */
  async flush(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    if (batch.length === 0) return;
    try {
      await this.store.append(batch.map((p) => p.entry));
      for (const p of batch) p.done();
    } catch (error) {
      for (const p of batch) p.failed(error);
    }
  }

  /** Entries for `baton audit` and GET /api/v1/audit, newest first (or oldest first after a cursor). */
  async query(raw: unknown) {
    const input = parseInput(QueryInput, raw);
    const entries = await this.store.query({
      ...(input.workspace ? { workspace: input.workspace } : {}),
      ...(input.token ? { tokenId: input.token } : {}),
      ...(input.session ? { sessionId: input.session } : {}),
      ...(input.action ? { action: input.action } : {}),
      ...(input.after !== undefined ? { after: input.after } : {}),
      limit: input.limit,
    });
    return entries.map(auditView);
  }
}

export const auditView = (e: AuditEntry & { id: number }) => ({
  id: e.id,
  timestamp: iso(e.at),
  workspace: e.workspace,
  token_id: e.tokenId,
  token_name: e.tokenName,
  session_id: e.sessionId,
  action: e.action,
  target: e.target,
  outcome: e.outcome,
  ...(e.detail ? { detail: e.detail } : {}),
});
