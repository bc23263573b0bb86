import type { ErrorCode } from '../core/errors.js';
import type { DocumentService } from '../hub/document-service.js';
import type { ReadResult } from '../hub/read-service.js';
import type { RegisterInput, SessionService } from '../hub/session-service.js';
import type { SearchService } from '../hub/search-service.js';
import type { StatusService } from '../hub/status-service.js';
import type { WaitResult } from '../hub/wait-service.js';
import type { channelView, documentView, MessageView, sessionView, TaskView, versionView } from '../hub/views.js';

/**
 * The JSON the hub's HTTP API answers with. Derived from the hub's own views (type-only imports),
 * so the client can never drift from what the hub sends.
 */
export type { MessageView, RegisterInput, TaskView };
export type ChannelView = ReturnType<typeof channelView>;
export type DocumentView = ReturnType<typeof documentView>;
export type VersionView = ReturnType<typeof versionView>;
export type SessionView = ReturnType<typeof sessionView>;

/** What a hub refusal looks like on the wire. */
export interface WireError {
  success: false;
  error: string;
  code: ErrorCode;
  field?: string;
}

export interface Health {
  ok: boolean;
  name: string;
  version: string;
}

export interface Registered {
  success: true;
  session: SessionView;
  /** Present the same name and this token to get the same session back later. */
  resume_token: string;
  resumed: boolean;
}

export type Status = Awaited<ReturnType<StatusService['get']>>;
export type SearchResult = Awaited<ReturnType<SearchService['search']>>;
/** A session as the directory lists it: its presence now and what it holds. */
export type DirectoryEntry = Awaited<ReturnType<SessionService['list']>>[number];
/** GET /sessions/{id}/messages: what a session wrote lately, newest first. */
export type SessionMessages = Awaited<ReturnType<SessionService['recentMessages']>>;

export interface Posted {
  success: true;
  /** The position of the message: a cursor that reads everything after it. */
  cursor: string;
  message: MessageView;
}

export type ReadPage = Omit<ReadResult, 'messages'> & { messages: MessageView[] };
export type WaitOutcome = Omit<WaitResult, 'messages'> & { messages: MessageView[] };

type DocumentResult<K extends keyof DocumentService> = DocumentService[K] extends (...args: never[]) => Promise<infer R> ? R : never;
export type DocumentListing = DocumentResult<'list'>;
export type Uploaded = { success: true } & DocumentResult<'uploadStream'>;
export type DownloadedText = DocumentResult<'download'>;
export type VersionList = DocumentResult<'versions'>;
export type Moved = DocumentResult<'move'>;
export type Deleted = DocumentResult<'remove'>;
export type Restored = DocumentResult<'restore'>;

export interface TaskList {
  tasks: TaskView[];
}

export interface TaskCreated {
  success: true;
  task: TaskView;
  /** The message that announced it: the task's id is this message's id. */
  message: MessageView;
}

/** What every task action answers: the task after it, the messages it posted, and a chained next handoff. */
export interface TaskOutcome {
  success: true;
  task: TaskView;
  messages: MessageView[];
  next?: TaskView;
}

/** Present on any answer when the session has pending notices (a lease that ran out, a reassignment). */
export interface WithNotices {
  notices?: string[];
}
