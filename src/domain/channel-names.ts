import { invalidInput } from '../core/errors.js';

export const DEFAULT_CHANNELS = [
  { name: 'general', description: 'Status: starting, done, results' },
  { name: 'alerts', description: 'Errors, blockers, need help' },
  { name: 'handoffs', description: 'Work being passed on and claimed' },
] as const;

const ORIGIN_ALIASES = new Set(DEFAULT_CHANNELS.map((c) => `amplifier-${c.name}`));
const NAME_RULE = /^[a-z0-9][a-z0-9_-]{0,79}$/;

/**
 * Channel names are case-insensitive; `#general` and the origin's `amplifier-general` are the same
 * channel as `general`.
 */
export function normalizeChannelName(raw: string): string {
  const name = raw.trim().replace(/^#/, '').toLowerCase();
  return ORIGIN_ALIASES.has(name) ? name.slice('amplifier-'.length) : name;
}

export function validChannelName(raw: string, field = 'channel_name'): string {
  const name = normalizeChannelName(raw);
  if (!NAME_RULE.test(name)) {
    throw invalidInput(field, 'must be 1-80 characters of a-z, 0-9, - or _, starting with a letter or digit');
  }
  return name;
}
