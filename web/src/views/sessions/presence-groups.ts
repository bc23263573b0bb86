import type { DirectoryEntry } from '../../api/types.js';
import type { Presence } from './types.js';

export interface PresenceGroup {
  presence: Presence;
  label: string;
  entries: DirectoryEntry[];
}

const ORDER: [presence: Presence, label: string][] = [
  ['online', 'Online'],
  ['idle', 'Idle'],
  ['gone', 'Gone'],
];

/** People are sessions of kind `human`; every other session is an agent. */
export const isPerson = (kind: string): boolean => kind === 'human';

/**
 * Online first, then idle, then gone; inside a group people before agents, each most recently
 * seen first (the order the hub lists them in). Empty groups are left out.
 */
export function presenceGroups(entries: readonly DirectoryEntry[]): PresenceGroup[] {
  return ORDER.map(([presence, label]) => ({
    presence,
    label,
    entries: entries.filter((e) => e.presence === presence).sort((a, b) => Number(isPerson(b.kind)) - Number(isPerson(a.kind))),
  })).filter((group) => group.entries.length > 0);
}
