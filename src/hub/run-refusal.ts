import { conflict, notFound, type BatonError } from '../core/errors.js';
import type { RunRecord } from '../recipes/run-log.js';

/** Why a run change did not apply, said from the run as it is now. */

export const runNotFound = (runId: string): BatonError => notFound(`Run '${runId}' not found`);

/** A cancelled run takes no more changes; any other refusal of a write is `otherwise`. */
export function unchangeable(runId: string, current: RunRecord | undefined, otherwise = 'read it again'): BatonError {
  if (!current) return runNotFound(runId);
  if (current.state === 'cancelled') return conflict(`run ${runId} was cancelled (${current.error ?? 'no reason given'}): it takes no more changes`);
  return conflict(`run ${runId}: ${otherwise}`);
}

export function notCancellable(runId: string, current: RunRecord | undefined): BatonError {
  return current ? conflict(`run ${runId} is ${current.state}: only a running or paused run can be cancelled`) : runNotFound(runId);
}

/** There is no decision to make: the run is not paused, or its approval is missing or already decided. */
export function undecidable(runId: string, current: RunRecord | undefined): BatonError {
  if (!current) return runNotFound(runId);
  const approval = current.approval;
  if (current.state !== 'paused_for_approval') return conflict(`run ${runId} is ${current.state}, not paused_for_approval: there is no approval to decide`);
  if (!approval) return conflict(`run ${runId} is paused_for_approval but asks for no approval: there is nothing to decide`);
  return conflict(`run ${runId}: the approval of stage '${approval.stage}' was already decided (${approval.decision} by ${approval.by ?? 'its timeout'})`);
}
