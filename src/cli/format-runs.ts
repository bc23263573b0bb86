import type { RunStatus, StepStatus } from '../client/run-log-client.js';
import type { StepRecord } from '../recipes/run-log.js';
import { clip } from '../core/text.js';

const MARK: Record<StepRecord['state'], string> = { running: '…', waiting: '⏳', completed: '✓', failed: '✗', skipped: '–' };

/** One line per step change, as a run goes: `✓ split-files`, `⏳ post-assignments[1] m-1f`. */
export const stepLine = (s: StepRecord): string =>
  `  ${MARK[s.state]} ${s.key}${s.taskId && s.state !== 'completed' ? ` ${s.taskId}` : ''}${s.error && s.state === 'failed' ? `: ${clip(s.error, 200)}` : ''}`;

/** `r-3k  completed  distributed-code-review  7/7 steps  2026-…` */
export const runLine = (r: RunStatus): string => `${r.id}  ${r.state.padEnd(19)}  ${r.recipe}  ${finished(r.steps)}/${r.steps.length} steps  ${r.updatedAt}`;

const finished = (steps: StepStatus[]): number => steps.filter((s) => s.state === 'completed' || s.state === 'skipped').length;

/** A run in full: its state, each step with its handoff's holder, the approval it waits for, its outputs. */
export function formatRun(r: RunStatus): string {
  const lines = [`run ${r.id}  ${r.recipe}  ${r.state}`, `source  ${r.source}`];
  if (r.error) lines.push(`error   ${r.error}`);
  if (r.approval) lines.push(`approval  stage ${r.approval.stage}: ${r.approval.decision ?? 'waiting'}${r.approval.by ? ` by ${r.approval.by}` : ''}  ${r.approval.prompt}`);
  lines.push('steps');
  for (const s of r.steps) lines.push(`${stepLine(s)}${s.task ? `  (${s.task.state}${s.task.holder ? `, held by ${s.task.holder}` : ''})` : ''}${s.state === 'completed' ? `  ${clip(shown(s.result), 100)}` : ''}`);
  if (Object.keys(r.outputs).length) lines.push('outputs', ...Object.entries(r.outputs).map(([k, v]) => `  ${k}: ${clip(shown(v), 200)}`));
  return lines.join('\n');
}

const shown = (value: unknown): string => (typeof value === 'string' ? value.replace(/\s+/g, ' ') : JSON.stringify(value) ?? '');
