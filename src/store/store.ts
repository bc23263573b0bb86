import type { Task, TaskFields, TaskKind, TaskState } from '../domain/tasks.js';
import type { Channel, DocumentRecord, DocumentVersion, Message, Session } from '../domain/types.js';
import type { NewRun, RunPatch, RunRecord, RunState, StepRecord } from '../recipes/run-log.js';

/**
 * Everything the hub keeps, behind one interface. Each method is one short transaction; adapters
 * (SQLite now, PostgreSQL for several nodes) pass one conformance suite written against this alone.
 */
export interface Store {
  readonly sessions: SessionStore;
  readonly channels: ChannelStore;
  readonly messages: MessageStore;
  readonly documents: DocumentStore;
  readonly tasks: TaskStore;
  readonly search: SearchStore;
  readonly runs: RunStore;
  close(): Promise<void>;
}

/** A match: the message or document id, and a piece of its text around the match, marked «so». */
export interface SearchHit {
  id: string;
  snippet: string;
}

/**
 * Full-text search. Messages are indexed after they commit (catchUp), so writing one costs no index
 * work; documents are indexed when a version is stored. `match` is a full-text query the hub built.
 */
export interface SearchStore {
  /** Indexes up to `limit` messages not yet indexed; false when more remain. */
  catchUp(limit: number): Promise<boolean>;
  /** Replaces what the index holds for a document: its path, and its text when it has one. */
  indexDocument(id: string, path: string, text: string | null): Promise<void>;
  dropDocument(id: string): Promise<void>;
  messages(match: string, limit: number): Promise<SearchHit[]>;
  documents(match: string, limit: number): Promise<SearchHit[]>;
}

export interface NewSession extends Omit<Session, 'lastSeen'> {
  resumeTokenHash: string;
}

export interface SessionStore {
  /** Inserts; returns false when the id is taken (the caller draws another). */
  create(session: NewSession): Promise<boolean>;
  get(id: string): Promise<Session | undefined>;
  /** The session with this name whose resume token hashes to tokenHash. */
  findResumable(name: string, tokenHash: string): Promise<Session | undefined>;
  list(limit: number): Promise<Session[]>;
  touch(id: string, at: number): Promise<void>;
  /** Removes a session that never wrote anything; returns whether it did. */
  removeIfUnused(id: string): Promise<boolean>;
  readCursor(sessionId: string, channelId: number): Promise<number>;
  /** Moves the session's read cursor forward (never back). */
  advanceReadCursor(sessionId: string, channelId: number, seq: number): Promise<void>;
}

export interface ChannelStore {
  /** Inserts; returns undefined when the name is taken. */
  create(channel: Omit<Channel, 'id'>): Promise<Channel | undefined>;
  byName(name: string): Promise<Channel | undefined>;
  list(): Promise<Channel[]>;
}

export type NewMessage = Pick<Message, 'channelId' | 'title' | 'body' | 'authorId' | 'createdAt' | 'replyTo' | 'threadId'>;

export interface MessageQuery {
  channelIds: number[];
  /** Only messages after this position. */
  after: number;
  limit: number;
  /** Only messages of this thread (its root and the replies). */
  threadId?: string;
}

export interface MessageStore {
  /** Appends; the store assigns seq and id. */
  append(message: NewMessage): Promise<Message>;
  get(id: string): Promise<Message | undefined>;
  /** Ascending by seq, after `after`. */
  after(query: MessageQuery): Promise<Message[]>;
  /** The newest `limit` (of a thread, if given), ascending. */
  latest(channelId: number, limit: number, threadId?: string): Promise<Message[]>;
  /** The newest `limit` one session wrote, in every channel, newest first. */
  byAuthor(authorId: string, limit: number): Promise<Message[]>;
  /** The position of the newest message overall, 0 when there is none. */
  head(): Promise<number>;
  countAfter(channelId: number, after: number): Promise<number>;
}

export interface NewVersion {
  path: string;
  /** Used only when the path has no document yet. */
  newId: string;
  size: number;
  sha256: string;
  contentType: string;
  authorId: string;
  createdAt: number;
  /** When set, the current version must be this number (0: the path must be free). */
  ifMatch?: number;
}

export type VersionResult =
  | { ok: true; document: DocumentRecord; version: DocumentVersion }
  | { ok: false; current: DocumentVersion | undefined };

export interface DocumentStore {
  /** Adds a version at a path, creating the document on first upload, checking ifMatch atomically. */
  addVersion(input: NewVersion): Promise<VersionResult>;
  byId(id: string, includeDeleted?: boolean): Promise<DocumentRecord | undefined>;
  byPath(path: string): Promise<DocumentRecord | undefined>;
  /** Live documents in a folder ('' is the top); recursive takes every level below it. */
  inFolder(folder: string, recursive: boolean, limit: number): Promise<DocumentRecord[]>;
  /** The folder names (full paths) that hold live documents below `folder`. */
  foldersBelow(folder: string): Promise<string[]>;
  versions(id: string): Promise<DocumentVersion[]>;
  version(id: string, version: number): Promise<DocumentVersion | undefined>;
  /** Moves a live document; false when the target path is taken. */
  move(id: string, path: string): Promise<boolean>;
  softDelete(id: string, by: string, at: number): Promise<void>;
  /** Restores a deleted document; false when its path has been taken meanwhile. */
  restore(id: string): Promise<boolean>;
  /** Whether any version of any document still uses these bytes. */
  blobInUse(sha256: string): Promise<boolean>;
}

export interface NewTask extends TaskFields {
  kind: TaskKind;
  state: TaskState;
  /** Set when the task is created already claimed (a chained handoff given to a named session). */
  holderId?: string;
  leaseExpiresAt?: number;
}

/** A new task and the message that announces it, written together. */
export interface NewTaskMessage {
  message: NewMessage;
  task: NewTask;
}

/**
 * A compare-and-set on one task: it applies only when every `expect` holds, as one statement, and
 * the messages and notices that announce it are written in the same transaction, or not at all.
 */
export interface TaskChange {
  id: string;
  expect: {
    states: TaskState[];
    kind?: TaskKind;
    holderId?: string;
    fence?: number;
    /** The lease must still run at this time. */
    leaseLiveAt?: number;
    /** The lease must have run out by this time. */
    leaseLapsedAt?: number;
    unescalated?: boolean;
    createdBefore?: number;
  };
  set: {
    state?: TaskState;
    holderId?: string | null;
    /** A new claim: sets claimed_at and raises the fence. */
    claimedAt?: number;
    leaseExpiresAt?: number | null;
    result?: string | null;
    resultBy?: string | null;
    resultLinks?: string[];
    reason?: string | null;
    reasonBy?: string | null;
    escalatedAt?: number;
    updatedAt: number;
  };
  /** Messages to append when the change applies; `replyToTask` makes one a reply in the task's thread. */
  messages?: (NewMessage & { replyToTask?: boolean })[];
  notices?: { sessionId: string; text: string; createdAt: number }[];
  /** A follow-up handoff created in the same transaction (a chain with no gap). */
  next?: NewTaskMessage;
}

export type ChangeResult =
  | { ok: true; task: Task; messages: Message[]; next?: { task: Task; message: Message } }
  | { ok: false; current: Task | undefined };

export interface TaskFilter {
  kind?: TaskKind;
  states?: TaskState[];
  holderId?: string;
  channelId?: number;
  label?: string;
  limit: number;
}

export interface TaskStore {
  create(input: NewTaskMessage): Promise<{ task: Task; message: Message }>;
  get(id: string): Promise<Task | undefined>;
  /** The tasks among these message positions. */
  forMessages(seqs: number[]): Promise<Map<number, Task>>;
  list(filter: TaskFilter): Promise<Task[]>;
  change(change: TaskChange): Promise<ChangeResult>;
  /** Claimed tasks whose lease ran out by `now`. */
  lapsed(now: number, limit: number): Promise<Task[]>;
  /** Open alerts created before `before` and not yet escalated. */
  unacknowledged(before: number, limit: number): Promise<Task[]>;
  /** Hands this session its pending notices, once. */
  takeNotices(sessionId: string): Promise<string[]>;
}

/** A run as the hub first stores it: running, with no steps yet. */
export interface NewRunRecord extends NewRun {
  id: string;
  createdBy: string;
  createdAt: number;
}

export interface RunFilter {
  state?: RunState;
  limit: number;
}

/** What a change expects of the run's approval: none (null), or this stage with this decision (null: undecided). */
export type ApprovalMark = { stage: string; decision: 'approve' | 'deny' | null } | null;

/** What must hold for a run change to apply, checked in the same statement as the write. */
export interface RunExpect {
  states?: RunState[];
  approval?: ApprovalMark;
}

/** A compare-and-set on one run, as TaskChange is on a task: only the fields `set` names are written. */
export interface RunChange {
  id: string;
  expect?: RunExpect;
  set: RunPatch;
  at: number;
}

/** Saves one step execution of a run (by its key), and moves the run's updated time. */
export interface StepSave {
  runId: string;
  step: StepRecord;
  expect?: Pick<RunExpect, 'states'>;
  at: number;
}

export type RunChangeResult = { ok: true; run: RunRecord } | { ok: false; current: RunRecord | undefined };
export type StepSaveResult = { ok: true } | { ok: false; current: RunRecord | undefined };

/**
 * Recipe runs and their steps. A run's steps are one row per key; saving a key again replaces that
 * row. Every write moves the run's `updatedAt`.
 */
export interface RunStore {
  /** Inserts; undefined when the id is taken (the caller draws another). */
  create(run: NewRunRecord): Promise<RunRecord | undefined>;
  /** The run with its steps in the order they were first saved (the order they ran). */
  get(id: string): Promise<RunRecord | undefined>;
  /** Newest first, each with its steps in the order they were first saved (the order they ran). */
  list(filter: RunFilter): Promise<RunRecord[]>;
  saveStep(save: StepSave): Promise<StepSaveResult>;
  change(change: RunChange): Promise<RunChangeResult>;
}
