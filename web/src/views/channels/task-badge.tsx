import type { MessageView } from '../../api/types.js';
import { now } from '../../state/clock.js';
import { leaseLeft } from '../../ui/time.js';
import { badgeFor, type Badge } from './task-badges.js';

/** A state's colour, from the status kinds: waiting, held, done, gone wrong. */
const TONE: Record<string, string> = {
  open: 'kind-handoff',
  claimed: 'kind-claim',
  acknowledged: 'kind-claim',
  completed: 'kind-done',
  resolved: 'kind-done',
  failed: 'kind-alert',
  cancelled: '',
};

function describe(badge: Badge, at: number): string {
  const holder = badge.holder ? ` by ${badge.holder}` : '';
  const left = badge.state === 'claimed' && badge.lease_expires_at ? `, lease ${leaseLeft(badge.lease_expires_at, at)}` : '';
  return `${badge.kind} ${badge.state}${holder}${left}`;
}

/** For a handoff or an alert: where its task is now, and who holds it. */
export function TaskBadge({ message }: { message: MessageView }) {
  const badge = badgeFor(message);
  if (!badge) return null;
  const tone = badge.kind === 'alert' && badge.state === 'open' ? 'kind-alert' : (TONE[badge.state] ?? '');
  return (
    <span class={`badge channels-task ${tone}`} data-testid="task-badge" title={badge.holder_id ?? undefined}>
      {describe(badge, now.value)}
      {badge.escalated && ' · escalated'}
    </span>
  );
}
