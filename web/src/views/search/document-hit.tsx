import { localPath } from '../../state/place.js';
import { compact, MarkedText, unmarked } from './marked-text.js';
import type { DocumentHitView } from './types.js';

const KIB = 1024;
const size = (bytes: number): string =>
  bytes < KIB ? `${bytes} B` : bytes < KIB * KIB ? `${(bytes / KIB).toFixed(1)} KiB` : `${(bytes / KIB / KIB).toFixed(1)} MiB`;

/** A document found: its path, the matched words in context, its version. */
export function DocumentHit({ hit }: { hit: DocumentHitView }) {
  const inPath = unmarked(hit.snippet) === hit.path;
  return (
    <li class="search-hit" data-testid="search-document" data-document={hit.id}>
      <a class="search-hit-link" data-hit href={localPath(hit.web_url)}>
        <span class="search-hit-title search-path">{inPath ? <MarkedText text={hit.snippet} /> : hit.path}</span>
        {!inPath && hit.snippet && (
          <span class="search-snippet">
            <MarkedText text={compact(hit.snippet)} />
          </span>
        )}
      </a>
      <div class="search-hit-meta">
        <span>version {hit.version}</span>
        <span>{size(hit.size)}</span>
      </div>
    </li>
  );
}
