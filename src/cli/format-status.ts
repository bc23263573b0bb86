import type { SessionView, Status } from '../client/wire-types.js';
import { clock, shown, table } from './format-text.js';

export function formatStatus(status: Status): string {
  const channels = table([['channel', 'unread'], ...status.channels.map((c) => [`#${c.name}`, String(c.unread)])]);
  const online = status.sessions.length ? table(status.sessions.map(sessionRow)) : 'nobody';
  return [`hub  ${status.hub}`, `you  ${shown(status.session.name)} (${status.session.id})`, '', channels, '', 'sessions', online].join('\n');
}

const sessionRow = (s: SessionView): string[] => [s.id, shown(s.name), s.kind, shown(s.client), s.presence, `last seen ${clock(s.last_seen)}`];

export function formatSession(s: SessionView): string {
  const about = [s.kind, s.role === s.kind ? '' : shown(s.role), shown(s.client)].filter(Boolean).join(', ');
  return `${s.id}  ${shown(s.name)}  (${about})  first seen ${clock(s.first_seen)}`;
}
