import type Database from 'better-sqlite3';
import { seqOfMessageId } from '../../core/ids.js';
import type { Task } from '../../domain/tasks.js';
import type { Message } from '../../domain/types.js';
import { toTask, type TaskRow } from '../rows/task-row.js';
import type { ChangeResult, NewMessage, NewTaskMessage, TaskChange, TaskFilter, TaskStore } from '../store.js';
import type { SqliteMessages } from './sqlite-messages.js';

const SELECT = `SELECT t.*, c.name AS channel, h.name AS holder_name FROM tasks t
  JOIN channels c ON c.id = t.channel_id LEFT JOIN sessions h ON h.id = t.holder_id`;

/** Each `expect` of a change becomes one condition of the UPDATE's WHERE. */
const CONDITIONS: Record<keyof TaskChange['expect'], string> = {
  states: 'state IN (SELECT value FROM json_each(@states))',
  kind: 'kind = @kind',
  holderId: 'holder_id = @holderId',
  fence: 'fence = @fence',
  leaseLiveAt: 'lease_expires_at > @leaseLiveAt',
  leaseLapsedAt: 'lease_expires_at <= @leaseLapsedAt',
  unescalated: 'escalated_at IS NULL',
  createdBefore: 'created_at < @createdBefore',
};

const ASSIGNMENTS: Record<Exclude<keyof TaskChange['set'], 'resultLinks'>, string> = {
  state: 'state = @set_state',
  holderId: 'holder_id = @set_holderId',
  claimedAt: 'claimed_at = @set_claimedAt, fence = fence + 1',
  leaseExpiresAt: 'lease_expires_at = @set_leaseExpiresAt',
  result: 'result = @set_result',
  resultBy: 'result_by = @set_resultBy',
  reason: 'reason = @set_reason',
  reasonBy: 'reason_by = @set_reasonBy',
  escalatedAt: 'escalated_at = @set_escalatedAt',
  updatedAt: 'updated_at = @set_updatedAt',
};

export class SqliteTasks implements TaskStore {
  private readonly insert;
  private readonly bySeq;
  private readonly notice;
  private readonly pendingStmt;
  private readonly dropStmt;
  private readonly takeTx;
  private readonly anyNotice;
  private readonly lapsedStmt;
  private readonly unackedStmt;
  private readonly manyStmt;
  private readonly updates = new Map<string, Database.Statement>();
  private readonly createTx;
  private readonly changeTx;

  constructor(
    private readonly db: Database.Database,
    private readonly messages: SqliteMessages,
  ) {
    this.insert = db.prepare(
      `INSERT INTO tasks (seq, kind, channel_id, task, state, holder_id, claimed_at, lease_expires_at, fence, context, scope,
         next_steps, priority, labels, severity, author_id, created_at, updated_at)
       VALUES (@seq, @kind, @channelId, @task, @state, @holderId, @claimedAt, @leaseExpiresAt, @fence, @context, @scope,
         @nextSteps, @priority, @labels, @severity, @authorId, @createdAt, @createdAt)`,
    );
    this.bySeq = db.prepare<[number], TaskRow>(`${SELECT} WHERE t.seq = ?`);
    this.notice = db.prepare('INSERT INTO notices (session_id, text, created_at) VALUES (?, ?, ?)');
    this.pendingStmt = db.prepare<[string], { id: number; text: string }>('SELECT id, text FROM notices WHERE session_id = ? ORDER BY id');
    this.dropStmt = db.prepare('DELETE FROM notices WHERE session_id = ? AND id <= ?');
    this.takeTx = db.transaction((sessionId: string) => {
      const pending = this.pendingStmt.all(sessionId);
      if (pending.length) this.dropStmt.run(sessionId, pending.at(-1)!.id);
      return pending.map((n) => n.text);
    });
    this.anyNotice = db.prepare<[string], number>('SELECT 1 FROM notices WHERE session_id = ? LIMIT 1').pluck();
    this.lapsedStmt = db.prepare<[number, number], TaskRow>(
      `${SELECT} WHERE t.state = 'claimed' AND t.lease_expires_at <= ? ORDER BY t.lease_expires_at LIMIT ?`,
    );
    this.unackedStmt = db.prepare<[number, number], TaskRow>(
      `${SELECT} WHERE t.kind = 'alert' AND t.state = 'open' AND t.escalated_at IS NULL AND t.created_at < ? ORDER BY t.seq LIMIT ?`,
    );
    this.manyStmt = db.prepare<[string], TaskRow>(`${SELECT} WHERE t.seq IN (SELECT value FROM json_each(?))`);
    this.createTx = db.transaction((input: NewTaskMessage) => this.createNow(input));
    this.changeTx = db.transaction((change: TaskChange) => this.changeNow(change));
  }

  async create(input: NewTaskMessage): Promise<{ task: Task; message: Message }> {
    return this.createTx.immediate(input);
  }

  async get(id: string): Promise<Task | undefined> {
    const seq = seqOfMessageId(id);
    const row = seq === undefined ? undefined : this.bySeq.get(seq);
    return row && toTask(row);
  }

  async forMessages(seqs: number[]): Promise<Map<number, Task>> {
    if (seqs.length === 0) return new Map();
    const rows = this.manyStmt.all(JSON.stringify(seqs));
    return new Map(rows.map((r) => [r.seq, toTask(r)]));
  }

  async list(filter: TaskFilter): Promise<Task[]> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: filter.limit };
    if (filter.kind) (where.push('t.kind = @kind'), (params.kind = filter.kind));
    if (filter.states) (where.push('t.state IN (SELECT value FROM json_each(@states))'), (params.states = JSON.stringify(filter.states)));
    if (filter.holderId) (where.push('t.holder_id = @holderId'), (params.holderId = filter.holderId));
    if (filter.channelId !== undefined) (where.push('t.channel_id = @channelId'), (params.channelId = filter.channelId));
    if (filter.label) (where.push('EXISTS (SELECT 1 FROM json_each(t.labels) WHERE value = @label)'), (params.label = filter.label));
    const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY t.seq LIMIT @limit`;
    return this.db.prepare<Record<string, unknown>, TaskRow>(sql).all(params).map(toTask);
  }

  async change(change: TaskChange): Promise<ChangeResult> {
    return this.changeTx.immediate(change);
  }

  async lapsed(now: number, limit: number): Promise<Task[]> {
    return this.lapsedStmt.all(now, limit).map(toTask);
  }

  async unacknowledged(before: number, limit: number): Promise<Task[]> {
    return this.unackedStmt.all(before, limit).map(toTask);
  }

  async takeNotices(sessionId: string): Promise<string[]> {
    // Asked on every call: a read first, so the common case (nothing pending) writes nothing.
    return this.anyNotice.get(sessionId) ? this.takeTx.immediate(sessionId) : [];
  }

  private createNow({ message, task }: NewTaskMessage): { task: Task; message: Message } {
    const appended = this.messages.appendNow(message);
    this.insert.run({
      seq: appended.seq,
      kind: task.kind,
      channelId: message.channelId,
      task: task.task,
      state: task.state,
      holderId: task.holderId ?? null,
      claimedAt: task.holderId ? message.createdAt : null,
      leaseExpiresAt: task.leaseExpiresAt ?? null,
      fence: task.holderId ? 1 : 0,
      context: JSON.stringify(task.context),
      scope: task.scope,
      nextSteps: JSON.stringify(task.nextSteps),
      priority: task.priority,
      labels: JSON.stringify(task.labels),
      severity: task.severity,
      authorId: message.authorId,
      createdAt: message.createdAt,
    });
    return { task: toTask(this.bySeq.get(appended.seq)!), message: appended };
  }

  private changeNow(change: TaskChange): ChangeResult {
    const seq = seqOfMessageId(change.id);
    if (seq === undefined) return { ok: false, current: undefined };
    const { sql, params } = this.updateFor(change, seq);
    if (this.statement(sql).run(params).changes === 0) {
      const row = this.bySeq.get(seq);
      return { ok: false, current: row && toTask(row) };
    }
    const task = toTask(this.bySeq.get(seq)!);
    const messages = (change.messages ?? []).map((m) => this.messages.appendNow(this.inThread(m, task)));
    for (const n of change.notices ?? []) this.notice.run(n.sessionId, n.text, n.createdAt);
    const next = change.next ? this.createNow(change.next) : undefined;
    return { ok: true, task, messages, ...(next ? { next } : {}) };
  }

  private inThread(m: NewMessage & { replyToTask?: boolean }, task: Task): NewMessage {
    const { replyToTask, ...message } = m;
    return replyToTask ? { ...message, replyTo: task.id, threadId: task.id } : message;
  }

  private updateFor(change: TaskChange, seq: number): { sql: string; params: Record<string, unknown> } {
    const params: Record<string, unknown> = { seq };
    const where = ['seq = @seq'];
    for (const [key, value] of Object.entries(change.expect) as [keyof TaskChange['expect'], unknown][]) {
      if (value === undefined || value === false) continue;
      where.push(CONDITIONS[key]);
      params[key] = key === 'states' ? JSON.stringify(value) : value;
    }
    const sets: string[] = [];
    for (const [key, value] of Object.entries(change.set) as [keyof TaskChange['set'], unknown][]) {
      if (value === undefined) continue;
      if (key === 'resultLinks') {
        sets.push('result_links = @set_resultLinks');
        params.set_resultLinks = JSON.stringify(value);
      } else {
        sets.push(ASSIGNMENTS[key]);
        params[`set_${key}`] = value;
      }
    }
    return { sql: `UPDATE tasks SET ${sets.join(', ')} WHERE ${where.join(' AND ')}`, params };
  }

  /** Changes come in a handful of shapes; each shape's statement is prepared once. */
  private statement(sql: string): Database.Statement {
    let stmt = this.updates.get(sql);
    if (!stmt) this.updates.set(sql, (stmt = this.db.prepare(sql)));
    return stmt;
  }
}
