import { signal } from '@preact/signals';
import { on } from '../../state/live.js';

/** Channels that got a message since the page loaded while the person was not looking at them. */
export const unread = signal<ReadonlySet<string>>(new Set());

let looking: string | undefined;

/** The channel in front of the person (or none, on another view): its messages are read as they come. */
export function lookAt(channel: string | undefined): void {
  looking = channel;
  if (channel === undefined || !unread.value.has(channel)) return;
  const next = new Set(unread.value);
  next.delete(channel);
  unread.value = next;
}

on('message', (message) => {
  if (message.channel === looking || unread.value.has(message.channel)) return;
  unread.value = new Set(unread.value).add(message.channel);
});
