import type { DocumentView, VersionView } from '../../api/types.js';
import { now } from '../../state/clock.js';
import { ago, clock } from '../../ui/time.js';
import { Author } from './author.js';
import { size } from './format.js';
import { documentHref } from './links.js';

/** Every version, newest first; each opens this view at it (`?v=N`). */
export function VersionsList({ document, versions, shown }: { document: DocumentView; versions: VersionView[]; shown: number }) {
  return (
    <section class="docs-versions" aria-labelledby="docs-versions-title">
      <h2 id="docs-versions-title">Versions</h2>
      <ol class="docs-version-list" data-testid="versions">
        {[...versions].reverse().map((v) => (
          <li key={v.version} class={`docs-version${v.version === shown ? ' shown' : ''}`} data-version={v.version}>
            <a class="docs-version-link" href={documentHref(document.id, v.version)} aria-current={v.version === shown ? 'true' : undefined}>
              v{v.version}
            </a>
            <Author version={v} />
            <span class="muted">
              <time dateTime={v.timestamp} title={clock(v.timestamp)}>
                {ago(v.timestamp, now.value)}
              </time>{' '}
              · {size(v.size)}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
