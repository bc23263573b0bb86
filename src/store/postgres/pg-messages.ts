import { seqOfMessageId } from '../../core/ids.js';
import type { Message } from '../../domain/types.js';
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from '../rows/message-row.js';
import type { MessageQuery, MessageStore, NewMessage } from '../store.js';
import { logLockKey, rows, takeLogLock, type PgDb, type Queryable } from './pg-db.js';
import type { TableNames } from './pg-store.js';

/**
 * The log of one workspace. Readers follow it by position (`seq > cursor`), which is only safe if
 * positions become visible in order. PostgreSQL hands out identity values when a row is inserted,
 * not when its transaction commits, so two writers can commit out of order and a reader could
 * pass a position that appears later. Every append therefore takes this workspace's log lock
 * (a transaction-scoped advisory lock) before it draws its position and keeps it until commit:
 * the next writer draws a higher position only after this one is visible. Any snapshot then sees
 * every position up to its newest one, on every node.
 */
export class PgMessages implements MessageStore {
  private readonly select: string;
  private readonly insert: string;
  private readonly lockKey: string;

  constructor(
    private readonly db: PgDb,
    private readonly s: TableNames,
    schema: string,
  ) {
    this.select = `SELECT ${MESSAGE_COLUMNS}
      FROM ${s('messages')} m JOIN ${s('channels')} c ON c.id = m.channel_id JOIN ${s('sessions')} a ON a.id = m.author_id`;
    this.lockKey = logLockKey(schema, 'messages');
    // One round trip: the lock, the insert and the names, in the statement's own transaction (or the caller's).
    this.insert = `WITH log_lock AS (${takeLogLock('$8')}),
      m AS (INSERT INTO ${s('messages')} (channel_id, title, body, author_id, created_at, reply_to, thread_id)
        SELECT $1, $2, $3, $4, $5, $6, $7 FROM log_lock RETURNING *)
      SELECT ${MESSAGE_COLUMNS}
      FROM m JOIN ${s('channels')} c ON c.id = m.channel_id JOIN ${s('sessions')} a ON a.id = m.author_id`;
  }

  async append(message: NewMessage): Promise<Message> {
    return this.appendIn(this.db.pool, message);
  }

  /**
   * Appends inside the caller's transaction (tasks write messages with their change). The log lock
   * is then held until that transaction ends, so callers append as late in it as they can.
   */
  async appendIn(tx: Queryable, message: NewMessage): Promise<Message> {
    const values = [message.channelId, message.title, message.body, message.authorId, message.createdAt, message.replyTo, message.threadId, this.lockKey];
    const [row] = await rows<MessageRow>(tx, this.insert, values);
    if (!row) throw new Error(`message not appended: channel ${message.channelId} or author ${message.authorId} does not exist`);
    return toMessage(row);
  }

  async get(id: string): Promise<Message | undefined> {
    const seq = seqOfMessageId(id);
    if (seq === undefined) return undefined;
    const [row] = await this.db.query<MessageRow>(`${this.select} WHERE m.seq = $1`, [seq]);
    return row && toMessage(row);
  }

  async after(query: MessageQuery): Promise<Message[]> {
    const { channelIds, after, limit, threadId } = query;
    if (threadId) {
      const rootSeq = seqOfMessageId(threadId) ?? 0;
      return this.read(`WHERE (m.thread_id = $1 OR m.seq = $2) AND m.seq > $3 ORDER BY m.seq LIMIT $4`, [threadId, rootSeq, after, limit]);
    }
    return this.read(`WHERE m.channel_id = ANY($1::integer[]) AND m.seq > $2 ORDER BY m.seq LIMIT $3`, [channelIds, after, limit]);
  }

  async latest(channelId: number, limit: number, threadId?: string): Promise<Message[]> {
    const newest = threadId
      ? await this.read(`WHERE m.channel_id = $1 AND (m.thread_id = $2 OR m.seq = $3) ORDER BY m.seq DESC LIMIT $4`, [
          channelId,
          threadId,
          seqOfMessageId(threadId) ?? 0,
          limit,
        ])
      : await this.read(`WHERE m.channel_id = $1 ORDER BY m.seq DESC LIMIT $2`, [channelId, limit]);
    return newest.reverse();
  }

  async byAuthor(authorId: string, limit: number): Promise<Message[]> {
    return this.read(`WHERE m.author_id = $1 ORDER BY m.seq DESC LIMIT $2`, [authorId, limit]);
  }

  async head(): Promise<number> {
    const [row] = await this.db.query<{ head: number }>(`SELECT COALESCE(max(seq), 0)::bigint AS head FROM ${this.s('messages')}`);
    return row?.head ?? 0;
  }

  async countAfter(channelId: number, after: number): Promise<number> {
    const [row] = await this.db.query<{ n: number }>(`SELECT count(*) AS n FROM ${this.s('messages')} WHERE channel_id = $1 AND seq > $2`, [channelId, after]);
    return row?.n ?? 0;
  }

  private async read(where: string, values: unknown[]): Promise<Message[]> {
    return (await this.db.query<MessageRow>(`${this.select} ${where}`, values)).map(toMessage);
  }
}
