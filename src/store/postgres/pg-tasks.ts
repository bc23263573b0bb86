import { seqOfMessageId } from '../../core/ids.js';
import type { Task } from '../../domain/tasks.js';
import type { Message } from '../../domain/types.js';
import { toTask, type TaskRow } from '../rows/task-row.js';
import type { ChangeResult, NewMessage, NewTaskMessage, TaskChange, TaskFilter, TaskStore } from '../store.js';
import { rows, Values, type PgDb, type Queryable } from './pg-db.js';
import type { PgMessages } from './pg-messages.js';
import type { TableNames } from './pg-store.js';

/** Each `expect` of a change becomes one condition of the UPDATE's WHERE. */
const CONDITIONS: Record<keyof TaskChange['expect'], (v: string) => string> = {
  states: (v) => `state = ANY(${v}::text[])`,
  kind: (v) => `kind = ${v}`,
  holderId: (v) => `holder_id = ${v}`,
  fence: (v) => `fence = ${v}`,
  leaseLiveAt: (v) => `lease_expires_at > ${v}`,
  leaseLapsedAt: (v) => `lease_expires_at <= ${v}`,
  unescalated: () => 'escalated_at IS NULL',
  createdBefore: (v) => `created_at < ${v}`,
};

const ASSIGNMENTS: Record<Exclude<keyof TaskChange['set'], 'resultLinks'>, (v: string) => string> = {
  state: (v) => `state = ${v}`,
  holderId: (v) => `holder_id = ${v}`,
  claimedAt: (v) => `claimed_at = ${v}, fence = fence + 1`,
  leaseExpiresAt: (v) => `lease_expires_at = ${v}`,
  result: (v) => `result = ${v}`,
  resultBy: (v) => `result_by = ${v}`,
  reason: (v) => `reason = ${v}`,
  reasonBy: (v) => `reason_by = ${v}`,
  escalatedAt: (v) => `escalated_at = ${v}`,
  updatedAt: (v) => `updated_at = ${v}`,
};

export class PgTasks implements TaskStore {
  private readonly select: string;
  /** The channel and holder names of the rows a write returns (`t`), in the same statement. */
  private readonly named: string;
  private readonly insert: string;

  constructor(
    private readonly db: PgDb,
    private readonly s: TableNames,
    private readonly messages: PgMessages,
  ) {
    const names = `JOIN ${s('channels')} c ON c.id = t.channel_id LEFT JOIN ${s('sessions')} h ON h.id = t.holder_id`;
    this.select = `SELECT t.*, c.name AS channel, h.name AS holder_name FROM ${s('tasks')} t ${names}`;
    this.named = `SELECT t.*, c.name AS channel, h.name AS holder_name FROM t ${names}`;
    this.insert = `WITH t AS (INSERT INTO ${s('tasks')} (seq, kind, channel_id, task, state, holder_id, claimed_at, lease_expires_at, fence,
        context, scope, next_steps, priority, labels, severity, author_id, created_at, updated_at)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $17) RETURNING *)
      ${this.named}`;
  }

  async create(input: NewTaskMessage): Promise<{ task: Task; message: Message }> {
    return this.db.transaction((tx) => this.createIn(tx, input));
  }

  async get(id: string): Promise<Task | undefined> {
    const seq = seqOfMessageId(id);
    return seq === undefined ? undefined : this.bySeq(this.db.pool, seq);
  }

  async forMessages(seqs: number[]): Promise<Map<number, Task>> {
    const positions = seqs.filter(Number.isSafeInteger);
    if (positions.length === 0) return new Map();
    const found = await this.db.query<TaskRow>(`${this.select} WHERE t.seq = ANY($1::bigint[])`, [positions]);
    return new Map(found.map((r) => [r.seq, toTask(r)]));
  }

  async list(filter: TaskFilter): Promise<Task[]> {
    const values = new Values();
    const where: string[] = [];
    if (filter.kind) where.push(`t.kind = ${values.add(filter.kind)}`);
    if (filter.states) where.push(`t.state = ANY(${values.add(filter.states)}::text[])`);
    if (filter.holderId) where.push(`t.holder_id = ${values.add(filter.holderId)}`);
    if (filter.channelId !== undefined) where.push(`t.channel_id = ${values.add(filter.channelId)}`);
    if (filter.label) where.push(`t.labels::jsonb ? ${values.add(filter.label)}`);
    const sql = `${this.select} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.seq LIMIT ${values.add(filter.limit)}`;
    return (await this.db.query<TaskRow>(sql, values.list)).map(toTask);
  }

  async change(change: TaskChange): Promise<ChangeResult> {
    const seq = seqOfMessageId(change.id);
    if (seq === undefined) return { ok: false, current: undefined };
    return this.db.transaction((tx) => this.changeIn(tx, change, seq));
  }

  async lapsed(now: number, limit: number): Promise<Task[]> {
    const sql = `${this.select} WHERE t.state = 'claimed' AND t.lease_expires_at <= $1 ORDER BY t.lease_expires_at, t.seq LIMIT $2`;
    return (await this.db.query<TaskRow>(sql, [now, limit])).map(toTask);
  }

  async unacknowledged(before: number, limit: number): Promise<Task[]> {
    const sql = `${this.select} WHERE t.kind = 'alert' AND t.state = 'open' AND t.escalated_at IS NULL AND t.created_at < $1 ORDER BY t.seq LIMIT $2`;
    return (await this.db.query<TaskRow>(sql, [before, limit])).map(toTask);
  }

  async takeNotices(sessionId: string): Promise<string[]> {
    // A second node deleting at once waits on these rows, then finds them gone: each notice is handed out once.
    const taken = await this.db.query<{ text: string }>(
      `WITH n AS (DELETE FROM ${this.s('notices')} WHERE session_id = $1 RETURNING id, text) SELECT text FROM n ORDER BY id`,
      [sessionId],
    );
    return taken.map((n) => n.text);
  }

  private async bySeq(db: Queryable, seq: number): Promise<Task | undefined> {
    const [row] = await rows<TaskRow>(db, `${this.select} WHERE t.seq = $1`, [seq]);
    return row && toTask(row);
  }

  /** The message first (the task's position is its message's), then its task row. */
  private async createIn(tx: Queryable, { message, task }: NewTaskMessage): Promise<{ task: Task; message: Message }> {
    const appended = await this.messages.appendIn(tx, message);
    const [row] = await rows<TaskRow>(tx, this.insert, [
      appended.seq,
      task.kind,
      message.channelId,
      task.task,
      task.state,
      task.holderId ?? null,
      task.holderId ? message.createdAt : null,
      task.leaseExpiresAt ?? null,
      task.holderId ? 1 : 0,
      JSON.stringify(task.context),
      task.scope,
      JSON.stringify(task.nextSteps),
      task.priority,
      JSON.stringify(task.labels),
      task.severity,
      message.authorId,
      message.createdAt,
    ]);
    return { task: toTask(row!), message: appended };
  }

  /**
   * The compare-and-set is the one UPDATE: a concurrent change of the same task waits for this
   * row's lock, then re-checks its WHERE against what this one committed. Only when it applied are
   * the notices, messages and next task written, messages last since appending holds the log lock.
   */
  private async changeIn(tx: Queryable, change: TaskChange, seq: number): Promise<ChangeResult> {
    const { sql, values } = this.updateFor(change, seq);
    const [row] = await rows<TaskRow>(tx, sql, values);
    if (!row) return { ok: false, current: await this.bySeq(tx, seq) };
    const task = toTask(row);
    for (const n of change.notices ?? []) {
      await tx.query(`INSERT INTO ${this.s('notices')} (session_id, text, created_at) VALUES ($1, $2, $3)`, [n.sessionId, n.text, n.createdAt]);
    }
    const messages: Message[] = [];
    for (const m of change.messages ?? []) messages.push(await this.messages.appendIn(tx, inThread(m, task)));
    const next = change.next ? await this.createIn(tx, change.next) : undefined;
    return { ok: true, task, messages, ...(next ? { next } : {}) };
  }

  private updateFor(change: TaskChange, seq: number): { sql: string; values: unknown[] } {
    const values = new Values();
    const where = [`seq = ${values.add(seq)}`];
    for (const [key, value] of Object.entries(change.expect) as [keyof TaskChange['expect'], unknown][]) {
      if (value === undefined || value === false) continue;
      where.push(CONDITIONS[key](key === 'unescalated' ? '' : values.add(value)));
    }
    const sets: string[] = [];
    for (const [key, value] of Object.entries(change.set) as [keyof TaskChange['set'], unknown][]) {
      if (value === undefined) continue;
      if (key === 'resultLinks') sets.push(`result_links = ${values.add(JSON.stringify(value))}`);
      else sets.push(ASSIGNMENTS[key](values.add(value)));
    }
    const update = `UPDATE ${this.s('tasks')} SET ${sets.join(', ')} WHERE ${where.join(' AND ')} RETURNING *`;
    return { sql: `WITH t AS (${update}) ${this.named}`, values: values.list };
  }
}

function inThread(m: NewMessage & { replyToTask?: boolean }, task: Task): NewMessage {
  const { replyToTask, ...message } = m;
  return replyToTask ? { ...message, replyTo: task.id, threadId: task.id } : message;
}
