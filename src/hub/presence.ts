export type Presence = 'online' | 'idle' | 'gone';

const ONLINE_MS = 2 * 60_000;
const IDLE_MS = 30 * 60_000;

/** Seen in the last two minutes: online; in the last half hour: idle; otherwise gone. */
export function presenceOf(lastSeen: number, now: number): Presence {
  const quiet = now - lastSeen;
  if (quiet <= ONLINE_MS) return 'online';
  return quiet <= IDLE_MS ? 'idle' : 'gone';
}
