import { now } from '../../state/clock.js';
import { href } from '../../state/place.js';
import { kindOf } from '../../ui/kind.js';
import { ago, clock } from '../../ui/time.js';
import { compact, MarkedText, unmarked } from './marked-text.js';
import type { MessageHitView } from './types.js';

/** A message found: its title (styled by kind), the matched words in context, where, who and when. */
export function MessageHit({ hit }: { hit: MessageHitView }) {
  const kind = kindOf(hit.title);
  const inTitle = unmarked(hit.snippet) === hit.title;
  return (
    <li class={`search-hit${kind ? ` kind-${kind.kind}` : ''}`} data-testid="search-message" data-message={hit.id}>
      <a class="search-hit-link" data-hit href={href(`/m/${encodeURIComponent(hit.id)}`)}>
        <span class="search-hit-title">
          {kind && <span class="badge">{kind.label}</span>}
          {kind && ' '}
          {inTitle ? <MarkedText text={hit.snippet} /> : hit.title || '(no title)'}
        </span>
        {!inTitle && (
          <span class="search-snippet">
            <MarkedText text={compact(hit.snippet)} />
          </span>
        )}
      </a>
      <div class="search-hit-meta">
        <span>#{hit.channel}</span>
        <span>{hit.sender}</span>
        <time dateTime={hit.timestamp} title={clock(hit.timestamp)}>
          {ago(hit.timestamp, now.value)}
        </time>
        {hit.task && (
          <span class="badge">
            {hit.task.kind} {hit.task.state}
          </span>
        )}
      </div>
    </li>
  );
}
