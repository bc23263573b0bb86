import type { TaskCreated, TaskOutcome, TaskView, WithNotices } from '../client/wire-types.js';
import { clock, indent, shown, table } from './format-text.js';

/** `m-1f  open  handoff  API review  [reviewer]`, with the holder and lease when someone holds it. */
const taskRow = (t: TaskView): string[] => [t.id, t.state, t.kind, shown(t.task), holding(t), t.labels.length ? `[${t.labels.map(shown).join(', ')}]` : ''];

function holding(t: TaskView): string {
  if (!t.holder_id) return '';
  const until = t.lease_expires_at ? ` until ${clock(t.lease_expires_at)}` : '';
  return `${shown(t.holder ?? '')} (${t.holder_id}) claim ${t.claim}${until}`;
}

export function formatTaskList(list: { tasks: TaskView[] } & WithNotices): string {
  const body = list.tasks.length ? table(list.tasks.map(taskRow)) : 'no tasks';
  return withNotices(body, list.notices);
}

/** One task with its fields, the seed's handoff structure. */
export function formatTask(t: TaskView): string {
  const lines = [
    `${t.id}  ${t.kind}  ${t.state}${t.escalated ? '  escalated' : ''}  ${shown(t.task)}`,
    t.holder_id ? `holder    ${holding(t)}` : '',
    `channel   #${t.channel}  priority ${t.priority}${t.severity ? `  severity ${t.severity}` : ''}`,
    t.labels.length ? `labels    ${t.labels.map(shown).join(', ')}` : '',
    t.context.length ? `context   ${t.context.map(shown).join(' ')}` : '',
    t.scope ? `scope     ${shown(t.scope)}` : '',
    t.next_steps.length ? `next      ${t.next_steps.map(shown).join('; ')}` : '',
    t.result ? `result    ${shown(t.result)}` : '',
    t.result_links.length ? `links     ${t.result_links.map(shown).join(' ')}` : '',
    t.reason ? `reason    ${shown(t.reason)}` : '',
    `web       ${t.web_url}`,
  ];
  return lines.filter(Boolean).join('\n');
}

export function formatCreated(created: TaskCreated & WithNotices): string {
  const t = created.task;
  return withNotices(`created ${t.kind} ${t.id} (${t.state}) in #${t.channel}  ${t.web_url}`, created.notices);
}

/** `claimed m-1f: API review  (claim 3, lease until 12:15)`, then what the action posted. */
export function formatOutcome(outcome: TaskOutcome & WithNotices): string {
  const t = outcome.task;
  const lease = t.state === 'claimed' && t.lease_expires_at ? `  (claim ${t.claim}, lease until ${clock(t.lease_expires_at)})` : '';
  const lines = [`${t.state} ${t.id}: ${shown(t.task)}${lease}`];
  for (const m of outcome.messages) lines.push(indent(`posted ${m.id} to #${m.channel}: ${shown(m.title)}`, '  '));
  if (outcome.next) lines.push(`next handoff ${outcome.next.id} (${outcome.next.state}): ${shown(outcome.next.task)}`);
  return withNotices(lines.join('\n'), outcome.notices);
}

const withNotices = (text: string, notices: string[] | undefined): string =>
  notices?.length ? [text, ...notices.map((n) => `notice: ${shown(n)}`)].join('\n') : text;
