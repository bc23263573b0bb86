import { presenceGroups } from './presence-groups.js';
import { SessionRow } from './session-row.js';
import type { DirectoryEntry } from '../../api/types.js';

/** Everyone in the workspace, by presence. */
export function SessionList({ entries, selected }: { entries: readonly DirectoryEntry[]; selected: string | undefined }) {
  if (entries.length === 0) return <p class="muted">Nobody has registered yet.</p>;
  return (
    <div class="sessions-groups">
      {presenceGroups(entries).map((group) => (
        <section class="sessions-group" aria-labelledby={`sessions-group-${group.presence}`} key={group.presence}>
          <h2 id={`sessions-group-${group.presence}`} class="sessions-group-title">
            {group.label} <span class="count">{group.entries.length}</span>
          </h2>
          <ul class="sessions-rows">
            {group.entries.map((entry) => (
              <SessionRow key={entry.id} entry={entry} selected={entry.id === selected} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
