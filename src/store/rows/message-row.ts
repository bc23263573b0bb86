import { messageId } from '../../core/ids.js';
import type { Message } from '../../domain/types.js';

/** A message as both adapters read it: its row with its channel's and author's names. */
export interface MessageRow {
  seq: number;
  channel_id: number;
  channel: string;
  title: string;
  body: string;
  author_id: string;
  author_name: string;
  created_at: number;
  reply_to: string | null;
  thread_id: string | null;
}

/** The select list of a MessageRow, over messages `m` joined to channels `c` and the author's session `a`. */
export const MESSAGE_COLUMNS = `m.seq, m.channel_id, c.name AS channel, m.title, m.body, m.author_id, a.name AS author_name,
  m.created_at, m.reply_to, m.thread_id`;

export const toMessage = (r: MessageRow): Message => ({
  seq: r.seq,
  id: messageId(r.seq),
  channelId: r.channel_id,
  channel: r.channel,
  title: r.title,
  body: r.body,
  authorId: r.author_id,
  authorName: r.author_name,
  createdAt: r.created_at,
  replyTo: r.reply_to,
  threadId: r.thread_id,
});
