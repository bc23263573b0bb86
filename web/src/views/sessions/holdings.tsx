import { messagePath } from './session-paths.js';
import type { Holding } from './types.js';

/** The handoffs and alerts a session holds, each a link to its message. */
export function Holdings({ holds }: { holds: readonly Holding[] }) {
  if (holds.length === 0) return <span class="muted">holds nothing</span>;
  return (
    <ul class="sessions-holds" aria-label="Holds">
      {holds.map((hold) => (
        <li key={hold.id}>
          <a class={`sessions-hold kind-${hold.kind}`} href={messagePath(hold.id)} data-testid="session-hold">
            <span class="badge">{hold.kind === 'alert' ? `alert ${hold.state}` : `handoff ${hold.state}`}</span> {hold.task}
          </a>
        </li>
      ))}
    </ul>
  );
}
