import type { Priority, SEVERITIES, TaskKind } from '../domain/tasks.js';

/** What the task calls take, in the hub's own parameter names. */

export type { Priority, TaskKind };
export type Severity = (typeof SEVERITIES)[number];

export interface TaskListOptions {
  state?: string;
  kind?: TaskKind;
  label?: string;
  /** Only what this session holds. */
  mine?: boolean;
  channel?: string;
  limit?: number;
}

/** The seed's handoff structure as fields. */
export interface TaskFields {
  task: string;
  /** Document links. */
  context?: string[];
  scope?: string;
  next_steps?: string[];
  priority?: Priority;
  /** The kind of instance it wants, like `reviewer`. */
  labels?: string[];
  /** Gives the task straight to a session (its id). */
  assignee?: string;
  /** Markdown posted as the task's message instead of the text made from these fields. */
  body?: string;
}

export interface NewTask extends TaskFields {
  kind?: TaskKind;
  severity?: Severity;
  channel?: string;
}

export interface LeaseOptions {
  lease_seconds?: number;
  /** The claim number this holder got: refused when it is no longer current. */
  claim?: number;
}

export interface Completion {
  result?: string;
  links?: string[];
  claim?: number;
  /** The next handoff, created in the same step. */
  next?: TaskFields;
}
