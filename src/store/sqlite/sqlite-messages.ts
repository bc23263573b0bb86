import type Database from 'better-sqlite3';
import { messageId, seqOfMessageId } from '../../core/ids.js';
import type { Message } from '../../domain/types.js';
import { MESSAGE_COLUMNS, toMessage, type MessageRow } from '../rows/message-row.js';
import type { MessageQuery, MessageStore, NewMessage } from '../store.js';
import { NameCache } from './name-cache.js';

const SELECT = `SELECT ${MESSAGE_COLUMNS}
  FROM messages m JOIN channels c ON c.id = m.channel_id JOIN sessions a ON a.id = m.author_id`;

export class SqliteMessages implements MessageStore {
  private readonly insert;
  private readonly bySeq;
  private readonly afterOne;
  private readonly afterMany;
  private readonly afterInThread;
  private readonly latestInChannel;
  private readonly latestInThread;
  private readonly latestByAuthor;
  private readonly headStmt;
  private readonly count;
  private readonly names: NameCache;

  constructor(db: Database.Database) {
    this.insert = db.prepare<NewMessage, { seq: number }>(
      `INSERT INTO messages (channel_id, title, body, author_id, created_at, reply_to, thread_id)
       VALUES (@channelId, @title, @body, @authorId, @createdAt, @replyTo, @threadId) RETURNING seq`,
    );
    this.names = new NameCache(db);
    this.bySeq = db.prepare<[number], MessageRow>(`${SELECT} WHERE m.seq = ?`);
    this.afterOne = db.prepare<[number, number, number], MessageRow>(
      `${SELECT} WHERE m.channel_id = ? AND m.seq > ? ORDER BY m.seq LIMIT ?`,
    );
    this.afterMany = db.prepare<[string, number, number], MessageRow>(
      `${SELECT} WHERE m.channel_id IN (SELECT value FROM json_each(?)) AND m.seq > ? ORDER BY m.seq LIMIT ?`,
    );
    this.afterInThread = db.prepare<[string, number, number, number], MessageRow>(
      `${SELECT} WHERE (m.thread_id = ? OR m.seq = ?) AND m.seq > ? ORDER BY m.seq LIMIT ?`,
    );
    this.latestInChannel = db.prepare<[number, number], MessageRow>(
      `SELECT * FROM (${SELECT} WHERE m.channel_id = ? ORDER BY m.seq DESC LIMIT ?) ORDER BY seq`,
    );
    this.latestInThread = db.prepare<[number, string, number, number], MessageRow>(
      `SELECT * FROM (${SELECT} WHERE m.channel_id = ? AND (m.thread_id = ? OR m.seq = ?)
       ORDER BY m.seq DESC LIMIT ?) ORDER BY seq`,
    );
    // messages_by_author holds seq (the rowid) after author_id, so this walks the index backwards: no sort.
    this.latestByAuthor = db.prepare<[string, number], MessageRow>(`${SELECT} WHERE m.author_id = ? ORDER BY m.seq DESC LIMIT ?`);
    this.headStmt = db.prepare<[], number>('SELECT COALESCE(MAX(seq), 0) FROM messages').pluck();
    this.count = db.prepare<[number, number], number>(
      'SELECT COUNT(*) FROM messages WHERE channel_id = ? AND seq > ?',
    ).pluck();
  }

  async append(message: NewMessage): Promise<Message> {
    return this.appendNow(message);
  }

  /** Appends inside whatever transaction is open (tasks write a message with their change). */
  appendNow(message: NewMessage): Message {
    // all(), not get(): SQLite runs its WAL auto-checkpoint only when a statement steps to the end;
    // get() stops at the RETURNING row, so the WAL would grow until some other write paid for it all.
    const { seq } = this.insert.all(message)[0]!;
    // Built from what was written: channel and session names never change, so no read-back is needed.
    return {
      seq,
      id: messageId(seq),
      channelId: message.channelId,
      channel: this.names.channel(message.channelId),
      title: message.title,
      body: message.body,
      authorId: message.authorId,
      authorName: this.names.session(message.authorId),
      createdAt: message.createdAt,
      replyTo: message.replyTo,
      threadId: message.threadId,
    };
  }

  async get(id: string): Promise<Message | undefined> {
    const seq = seqOfMessageId(id);
    const row = seq === undefined ? undefined : this.bySeq.get(seq);
    return row && toMessage(row);
  }

  async after(query: MessageQuery): Promise<Message[]> {
    const { channelIds, after, limit, threadId } = query;
    if (threadId) {
      const rootSeq = seqOfMessageId(threadId) ?? 0;
      return this.afterInThread.all(threadId, rootSeq, after, limit).map(toMessage);
    }
    const rows =
      channelIds.length === 1
        ? this.afterOne.all(channelIds[0]!, after, limit)
        : this.afterMany.all(JSON.stringify(channelIds), after, limit);
    return rows.map(toMessage);
  }

  async latest(channelId: number, limit: number, threadId?: string): Promise<Message[]> {
    const rows = threadId
      ? this.latestInThread.all(channelId, threadId, seqOfMessageId(threadId) ?? 0, limit)
      : this.latestInChannel.all(channelId, limit);
    return rows.map(toMessage);
  }

  async byAuthor(authorId: string, limit: number): Promise<Message[]> {
    return this.latestByAuthor.all(authorId, limit).map(toMessage);
  }

  async head(): Promise<number> {
    return this.headStmt.get() ?? 0;
  }

  async countAfter(channelId: number, after: number): Promise<number> {
    return this.count.get(channelId, after) ?? 0;
  }
}
