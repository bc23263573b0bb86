import { now } from '../../state/clock.js';
import { ago, clock } from '../../ui/time.js';

/** "3 min ago", kept true as the clock ticks; the exact time on hover. */
export function AgoTime({ iso, prefix = '' }: { iso: string; prefix?: string }) {
  return (
    <time class="channels-time" dateTime={iso} title={clock(iso)}>
      {prefix}
      {ago(iso, now.value)}
    </time>
  );
}
