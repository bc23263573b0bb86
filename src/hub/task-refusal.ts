import { iso } from '../core/clock.js';
import { BatonError, conflict, invalidInput, notFound } from '../core/errors.js';
import type { Task, TaskKind } from '../domain/tasks.js';
import type { Message } from '../domain/types.js';

export const ACTIONS = ['claim', 'renew', 'release', 'complete', 'fail', 'cancel', 'reassign', 'ack', 'resolve'] as const;
export type Action = (typeof ACTIONS)[number];
export const isAction = (name: string): name is Action => (ACTIONS as readonly string[]).includes(name);

const KIND_OF: Record<Action, TaskKind | undefined> = {
  claim: 'handoff',
  renew: 'handoff',
  release: 'handoff',
  complete: 'handoff',
  fail: 'handoff',
  reassign: 'handoff',
  cancel: 'handoff',
  ack: 'alert',
  resolve: 'alert',
};


/** Says why a compare-and-set did not apply, from the task as it is now. */
export function refusal(action: Action, id: string, current: Task | undefined, message: Message | undefined, sessionId: string, now: number, claim?: number): BatonError {
  if (!current) {
    return message ? invalidInput('task_id', `message '${id}' is not a handoff or an alert`) : notFound(`Task '${id}' not found`);
  }
  const kind = KIND_OF[action];
  if (kind && current.kind !== kind) {
    return invalidInput('task_id', `'${id}' is ${current.kind === 'alert' ? 'an alert' : 'a handoff'}: ${action} is for ${kind}s`);
  }
  const holder = current.holderId ? `${current.holderName} (${current.holderId})` : undefined;
  if ((action === 'claim' && current.state === 'claimed') || (action === 'ack' && current.state === 'acknowledged')) {
    return conflict(`already ${action === 'ack' ? 'acknowledged' : 'claimed'} by ${holder} at ${iso(current.claimedAt ?? current.updatedAt)}`);
  }
  if (current.state === 'claimed' && current.holderId !== sessionId && ['renew', 'release', 'complete', 'fail'].includes(action)) {
    return conflict(`you do not hold '${id}': it is claimed by ${holder}`);
  }
  if (current.state === 'claimed' && claim !== undefined && claim !== current.fence) {
    return conflict(`claim ${claim} on '${id}' is no longer current (claim ${current.fence} by ${holder})`);
  }
  if (current.state === 'claimed' && current.leaseExpiresAt !== null && current.leaseExpiresAt <= now) {
    return conflict(`your lease on '${id}' ran out at ${iso(current.leaseExpiresAt)}: claim it again`);
  }
  return conflict(`'${id}' is ${current.state}${holder && current.state !== 'open' ? ` (${holder})` : ''}: cannot ${action} it`);
}
