import { z } from 'zod';
import type { Limits } from '../core/limits.js';
import { cleanText, intIn } from '../core/validate.js';
import { ALERT_STATES, HANDOFF_STATES, PRIORITIES, SEVERITIES } from '../domain/tasks.js';

/** A list given as a list, or as one string (comma- or newline-separated for labels and steps). */
const list = (max: number, split: RegExp) =>
  z
    .union([z.array(cleanText(2000)).max(max), cleanText(8000)])
    .transform((v) => (Array.isArray(v) ? v : v.split(split)).map((s) => s.trim()).filter(Boolean));

export const taskFieldsSchema = z.object({
  // Trimmed first, so a blank name is refused rather than posted as `🔄 Handoff:   `.
  task: cleanText(200).trim().min(1),
  context: list(20, /\s+/).optional(),
  scope: cleanText(2000).optional(),
  next_steps: list(30, /\n/).optional(),
  priority: z.enum(PRIORITIES).optional(),
  labels: list(20, /[,\s]+/).optional(),
  severity: z.enum(SEVERITIES).optional(),
});

export const createSchema = taskFieldsSchema.extend({
  kind: z.enum(['handoff', 'alert']).default('handoff'),
  channel: z.string().max(200).optional(),
  /** A chained handoff can go straight to a named session. */
  assignee: z.string().max(40).optional(),
  /** Markdown posted as the task's message instead of the text made from its fields (a recipe step's prompt). */
  body: z.string().optional(),
});

export const leaseSchema = (limits: Limits) => intIn(1, limits.leaseMaxMs / 1000).optional();

export const actionSchema = (limits: Limits) =>
  z.object({
    task_id: z.string().min(1).max(40),
    lease_seconds: leaseSchema(limits),
    claim: intIn(1, Number.MAX_SAFE_INTEGER).optional(),
    reason: cleanText(2000).optional(),
    result: cleanText(8000).optional(),
    links: list(20, /\s+/).optional(),
    to: z.string().max(40).optional(),
    next: createSchema.omit({ kind: true, channel: true }).optional(),
  });

export type ActionInput = z.infer<ReturnType<typeof actionSchema>>;
export type CreateInput = z.infer<typeof createSchema>;

export const listSchema = z.object({
  state: z.enum([...HANDOFF_STATES, ...ALERT_STATES]).optional(),
  kind: z.enum(['handoff', 'alert']).optional(),
  label: z.string().max(80).optional(),
  mine: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  channel: z.string().max(200).optional(),
  limit: intIn(1, 500).default(50),
});
