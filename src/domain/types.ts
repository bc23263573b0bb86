import type { Task } from './tasks.js';

/** The records of the domain, as the store keeps them. Times are epoch milliseconds. */

export type SessionKind = 'agent' | 'human';

export interface Session {
  id: string;
  name: string;
  role: string;
  client: string;
  kind: SessionKind;
  firstSeen: number;
  lastSeen: number;
  /** The token that registered it; only that token (or an admin's) may act as it. Null: made before tokens. */
  tokenId: string | null;
}

export interface Channel {
  id: number;
  name: string;
  description: string;
  createdBy: string | null;
  createdAt: number;
}

export interface Message {
  /** Position in the hub's commit order; cursors are positions. */
  seq: number;
  id: string;
  channelId: number;
  channel: string;
  title: string;
  body: string;
  authorId: string;
  authorName: string;
  createdAt: number;
  replyTo: string | null;
  threadId: string | null;
  /** Set by reads when the message is a handoff or an alert. */
  task?: Task;
}

export interface DocumentRecord {
  id: string;
  path: string;
  name: string;
  folder: string;
  currentVersion: number;
  createdAt: number;
  createdBy: string;
  deletedAt: number | null;
  /** Of the current version. */
  size: number;
  contentType: string;
}

export interface DocumentVersion {
  documentId: string;
  version: number;
  size: number;
  sha256: string;
  contentType: string;
  authorId: string;
  authorName: string;
  createdAt: number;
}
