import { z } from 'zod';
import { cleanText, intIn } from '../core/validate.js';
import type { RunState, StepState } from '../recipes/run-log.js';

/** Every value of a union type, checked both ways by the compiler. */
const allOf =
  <T extends string>() =>
  <const L extends readonly T[]>(list: L & ([T] extends [L[number]] ? unknown : never)): L =>
    list;

export const RUN_STATES = allOf<RunState>()(['running', 'paused_for_approval', 'completed', 'failed', 'cancelled']);
export const STEP_STATES = allOf<StepState>()(['running', 'waiting', 'completed', 'failed', 'skipped']);
export const DECISIONS = ['approve', 'deny'] as const;

/** The recipe file a run keeps, so a resume runs exactly what the run started with. */
export const RUN_TEXT_BYTES = 256 * 1024;
/** One step's result, as JSON. */
export const STEP_RESULT_BYTES = 1024 * 1024;
/** A step's whole request: its result and the rest, with room for JSON's own whitespace. */
export const STEP_BODY_BYTES = 2 * STEP_RESULT_BYTES;
/** An error message: a failed command's output can be long. */
const ERROR_CHARS = 64 * 1024;

const variables = z.record(z.string().max(200), z.unknown());
const isoTime = z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time, like 2026-01-20T09:00:00Z' });

export const createSchema = z.object({
  recipe: cleanText(200).trim().min(1),
  source: cleanText(2000),
  text: z.string().min(1),
  inputs: variables.default({}),
  context: variables.default({}),
});

export const listSchema = z.object({
  state: z.enum(RUN_STATES).optional(),
  limit: intIn(1, 200).default(20),
});

export const stepSchema = z.object({
  key: cleanText(1000).min(1),
  step_id: cleanText(200).min(1),
  stage: cleanText(200).nullable().default(null),
  item: z.number().int().min(0).nullable().default(null),
  round: z.number().int().min(0).nullable().default(null),
  state: z.enum(STEP_STATES),
  task_id: z.string().min(1).max(40).nullable().default(null),
  result: z.unknown().optional(),
  error: z.string().max(ERROR_CHARS).nullable().default(null),
  attempts: z.number().int().min(0).max(1_000_000).default(0),
  started_at: isoTime.nullable().default(null),
  finished_at: isoTime.nullable().default(null),
});
export type StepInput = z.infer<typeof stepSchema>;

const approvalSchema = z.object({
  stage: cleanText(200),
  prompt: cleanText(8000),
  decision: z.enum(DECISIONS).nullable().default(null),
});
export type ApprovalInput = z.infer<typeof approvalSchema>;

export const patchSchema = z.object({
  state: z.enum(RUN_STATES).optional(),
  context: variables.optional(),
  outputs: variables.optional(),
  error: z.string().max(ERROR_CHARS).nullable().optional(),
  approval: approvalSchema.nullable().optional(),
});
export type PatchInput = z.infer<typeof patchSchema>;

export const cancelSchema = z.object({ reason: cleanText(2000).optional() });

export const decisionSchema = z.object({
  decision: z.enum(DECISIONS),
  reason: cleanText(2000).optional(),
});
