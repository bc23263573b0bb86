import type { UploadTarget } from './document-transfer.js';

/** What the client's calls take, in the hub's own parameter names. */

export interface HubClientOptions {
  /** The hub's base URL, like `http://127.0.0.1:7420`. */
  url: string;
  /** The session id to act as; register() sets it too. */
  session?: string;
  /** The bearer token the hub asks for. */
  token?: string;
  /** Another workspace than `default`. */
  workspace?: string;
}

export interface PostInput {
  title?: string;
  body?: string;
  /** A message id: the post becomes a reply in its thread. */
  reply_to?: string;
}

export interface ReadOptions {
  limit?: number;
  /** A cursor (next_cursor of an earlier read) or a message id: everything after it. */
  since?: string;
  /** Only what this session has not read yet; reading advances its cursor. */
  unread?: boolean;
  /** A message id: only its thread. */
  thread?: string;
  max_chars?: number;
}

export interface ListOptions {
  recursive?: boolean;
  limit?: number;
}

export interface TextUpload extends UploadTarget {
  content: string;
  /** 'base64' for binary content. */
  encoding?: 'utf8' | 'base64';
}

export interface TextDownloadOptions {
  version?: number;
  offset?: number;
  max_chars?: number;
}
