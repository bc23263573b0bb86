import { messageId } from '../../core/ids.js';
import type { Priority, Task, TaskKind, TaskState } from '../../domain/tasks.js';

/** A task as both adapters read it: the tasks row with its channel's and holder's names; lists are JSON text. */
export interface TaskRow {
  seq: number;
  kind: string;
  channel_id: number;
  channel: string;
  task: string;
  state: string;
  holder_id: string | null;
  holder_name: string | null;
  claimed_at: number | null;
  lease_expires_at: number | null;
  fence: number;
  context: string;
  scope: string;
  next_steps: string;
  priority: string;
  labels: string;
  severity: string | null;
  result: string | null;
  result_by: string | null;
  result_links: string;
  reason: string | null;
  reason_by: string | null;
  author_id: string;
  created_at: number;
  updated_at: number;
  escalated_at: number | null;
}

export const toTask = (r: TaskRow): Task => ({
  id: messageId(r.seq),
  seq: r.seq,
  kind: r.kind as TaskKind,
  channelId: r.channel_id,
  channel: r.channel,
  task: r.task,
  state: r.state as TaskState,
  holderId: r.holder_id,
  holderName: r.holder_name,
  claimedAt: r.claimed_at,
  leaseExpiresAt: r.lease_expires_at,
  fence: r.fence,
  context: JSON.parse(r.context) as string[],
  scope: r.scope,
  nextSteps: JSON.parse(r.next_steps) as string[],
  priority: r.priority as Priority,
  labels: JSON.parse(r.labels) as string[],
  severity: r.severity,
  result: r.result,
  resultBy: r.result_by,
  resultLinks: JSON.parse(r.result_links) as string[],
  reason: r.reason,
  reasonBy: r.reason_by,
  authorId: r.author_id,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
  escalatedAt: r.escalated_at,
});
