import type { DirectoryEntry } from '../../api/types.js';

/** A claimed handoff or an acknowledged alert a session holds. */
export type Holding = DirectoryEntry['holds'][number];

export type Presence = DirectoryEntry['presence'];
