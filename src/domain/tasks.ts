/**
 * Work items. A handoff (a `🔄` message in handoffs) and an alert (a `🚨` message in alerts) are
 * messages that are also tasks with a state; the task's id is its message's id.
 */
export type TaskKind = 'handoff' | 'alert';

export const HANDOFF_STATES = ['open', 'claimed', 'completed', 'failed', 'cancelled'] as const;
export const ALERT_STATES = ['open', 'acknowledged', 'resolved'] as const;
export type TaskState = (typeof HANDOFF_STATES)[number] | (typeof ALERT_STATES)[number];

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

/** What a handoff or alert says about the work, in the seed's structure. */
export interface TaskFields {
  task: string;
  context: string[];
  scope: string;
  nextSteps: string[];
  priority: Priority;
  labels: string[];
  severity: string | null;
}

export interface Task extends TaskFields {
  id: string;
  seq: number;
  kind: TaskKind;
  channelId: number;
  channel: string;
  state: TaskState;
  holderId: string | null;
  holderName: string | null;
  claimedAt: number | null;
  leaseExpiresAt: number | null;
  /** The claim number: raised by every claim, so a stale holder's calls can be refused. */
  fence: number;
  result: string | null;
  /** Who wrote the result and the reason (null: the hub itself, or nobody yet). */
  resultBy: string | null;
  resultLinks: string[];
  reason: string | null;
  reasonBy: string | null;
  authorId: string;
  createdAt: number;
  updatedAt: number;
  escalatedAt: number | null;
}
