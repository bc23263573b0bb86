import type { TaskFields } from '../domain/tasks.js';

/** The seed's handoff body: bold labels, links not pasted text, numbered next steps. */
export function handoffBody(f: TaskFields, session: { id: string; name: string }): string {
  const lines = [`**Task:** ${f.task}`];
  if (f.context.length) lines.push(`**Context:** ${f.context.join(' ')}`);
  if (f.scope) lines.push(`**Scope:** ${f.scope}`);
  if (f.nextSteps.length) lines.push('**Next Steps:**', ...f.nextSteps.map((s, i) => `${i + 1}. ${s}`));
  if (f.priority !== 'normal') lines.push(`**Priority:** ${f.priority}`);
  if (f.labels.length) lines.push(`**Labels:** ${f.labels.join(', ')}`);
  if (f.severity) lines.push(`**Severity:** ${f.severity}`);
  lines.push(`Session ${session.name} (${session.id})`);
  return lines.join('\n');
}

/** A title's task name: `🔄 Handoff: Review API` → `Review API`. */
export function taskNameOf(title: string): string {
  return title.replace(/^\S+\s*(Handoff|Alert|Blocked)?\s*:?\s*/u, '').trim() || title.trim();
}

export const HANDOFF_MARK = '🔄';
export const ALERT_MARK = '🚨';
export const isClaimTitle = (title: string): boolean => /^✋\s*Claimed\b/u.test(title);
export const isInvestigatingTitle = (title: string): boolean => /^✋\s*Investigating\b/u.test(title);
