import { iso } from '../core/clock.js';
import type { Task } from '../domain/tasks.js';
import type { Channel, DocumentRecord, DocumentVersion, Message, Session } from '../domain/types.js';
import type { RunRecord, StepRecord } from '../recipes/run-log.js';
import type { Links } from './links.js';
import type { Presence } from './presence.js';
import type { DecidedApproval } from './run-service.js';

/**
 * The JSON every surface returns, in the contract's key names (sender, content, timestamp …) with
 * Baton's additions. One place, so HTTP, MCP and the CLI say the same thing.
 */
export const messageView = (m: Message, links: Links) => ({
  id: m.id,
  channel: m.channel,
  title: m.title,
  content: m.body,
  sender: m.authorName,
  sender_id: m.authorId,
  timestamp: iso(m.createdAt),
  reply_to: m.replyTo,
  thread_id: m.threadId ?? m.id,
  web_url: links.message(m.id),
  ...(m.task ? { task: taskBadge(m.task) } : {}),
});
export type MessageView = ReturnType<typeof messageView>;

export const channelView = (c: Channel, links: Links) => ({
  name: c.name,
  team: 'baton',
  description: c.description,
  web_url: links.channel(c.name),
});

export const documentView = (d: DocumentRecord, links: Links) => ({
  id: d.id,
  name: d.name,
  path: d.path,
  folder: d.folder,
  is_folder: false as const,
  size: d.size,
  content_type: d.contentType,
  version: d.currentVersion,
  web_url: links.document(d.id),
  ...(d.deletedAt ? { deleted_at: iso(d.deletedAt) } : {}),
});

export const versionView = (v: DocumentVersion, links: Links) => ({
  version: v.version,
  size: v.size,
  sha256: v.sha256,
  content_type: v.contentType,
  author: v.authorName,
  author_id: v.authorId,
  timestamp: iso(v.createdAt),
  web_url: links.document(v.documentId, v.version),
});

export const sessionView = (s: Session, presence: Presence) => ({
  id: s.id,
  name: s.name,
  role: s.role,
  client: s.client,
  kind: s.kind,
  presence,
  first_seen: iso(s.firstSeen),
  last_seen: iso(s.lastSeen),
  // The directory contract's fields: sessions stand in for users.
  email: null,
  department: s.role,
});

export const taskView = (t: Task, links: Links) => ({
  id: t.id,
  kind: t.kind,
  task: t.task,
  state: t.state,
  holder: t.holderName,
  holder_id: t.holderId,
  claim: t.fence,
  claimed_at: t.claimedAt === null ? null : iso(t.claimedAt),
  lease_expires_at: t.leaseExpiresAt === null ? null : iso(t.leaseExpiresAt),
  channel: t.channel,
  context: t.context,
  scope: t.scope,
  next_steps: t.nextSteps,
  priority: t.priority,
  labels: t.labels,
  severity: t.severity,
  result: t.result,
  result_by: t.resultBy,
  result_links: t.resultLinks,
  reason: t.reason,
  reason_by: t.reasonBy,
  author_id: t.authorId,
  created_at: iso(t.createdAt),
  updated_at: iso(t.updatedAt),
  escalated: t.escalatedAt !== null,
  web_url: links.message(t.id),
});
export type TaskView = ReturnType<typeof taskView>;

/** What a read shows of a message that is a task: its state and who holds it. */
export function taskBadge(t: Task) {
  return {
    kind: t.kind,
    state: t.state,
    holder: t.holderName,
    holder_id: t.holderId,
    lease_expires_at: t.leaseExpiresAt === null ? null : iso(t.leaseExpiresAt),
    ...(t.escalatedAt !== null ? { escalated: true } : {}),
  };
}

/** What a task action answers: the task as it is now, the messages that announced it, a chained next. */
export const outcomeView = (o: { task: Task; messages: Message[]; next?: Task }, links: Links) => ({
  success: true as const,
  task: taskView(o.task, links),
  messages: o.messages.map((m) => messageView(m, links)),
  ...(o.next ? { next: taskView(o.next, links) } : {}),
});

/** A recipe run with its steps in key order; a step that posted a handoff shows the task's state and holder. */
export const runView = (r: RunRecord, tasks: ReadonlyMap<string, Task>) => ({
  id: r.id,
  recipe: r.recipe,
  source: r.source,
  text: r.text,
  state: r.state,
  inputs: r.inputs,
  context: r.context,
  outputs: r.outputs,
  error: r.error,
  approval: r.approval && approvalView(r.approval),
  created_by: r.createdBy,
  created_at: r.createdAt,
  updated_at: r.updatedAt,
  steps: r.steps.map((s) => stepView(s, tasks)),
});
export type RunView = ReturnType<typeof runView>;

export const stepView = (s: StepRecord, tasks: ReadonlyMap<string, Task>) => {
  const task = s.taskId === null ? undefined : tasks.get(s.taskId);
  return {
    key: s.key,
    step_id: s.stepId,
    stage: s.stage,
    item: s.item,
    round: s.round,
    state: s.state,
    task_id: s.taskId,
    task: task ? taskBadge(task) : null,
    result: s.result,
    error: s.error,
    attempts: s.attempts,
    started_at: s.startedAt,
    finished_at: s.finishedAt,
  };
};
export type StepView = ReturnType<typeof stepView>;

/** `by` is the deciding session's id; null for a decision no one made (the runner's timeout default). */
function approvalView(a: NonNullable<RunRecord['approval']>) {
  const decided = a as Partial<DecidedApproval>;
  return { stage: a.stage, prompt: a.prompt, decision: a.decision, by: a.by, reason: decided.reason ?? null, decided_at: decided.decidedAt ?? null };
}
