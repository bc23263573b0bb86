import { useEffect, useState } from 'preact/hooks';
import { ErrorNote } from '../../ui/error-note.js';
import { FolderTree } from './folder-tree.js';
import { LISTING_LIMIT, type Listing } from './use-listing.js';

/**
 * The tree beside the document; on a narrow screen a section above it that opens with a button
 * (open while no document is chosen, closed once one is).
 */
export function DocumentsSide({ listing, current }: { listing: Listing; current: string | undefined }) {
  const [open, setOpen] = useState(current === undefined);
  useEffect(() => setOpen(current === undefined), [current]);
  const count = listing.documents?.length;
  return (
    <aside class={`docs-side${open ? ' open' : ''}`} aria-label="Folders">
      <button type="button" class="docs-side-toggle" aria-expanded={open} aria-controls="docs-tree" onClick={() => setOpen(!open)}>
        <span class="docs-caret" aria-hidden="true">
          ▸
        </span>
        Documents{count === undefined ? '' : ` (${count}${listing.truncated ? '+' : ''})`}
      </button>
      <nav id="docs-tree" class="docs-tree" aria-label="Documents" data-testid="docs-tree">
        {listing.error !== undefined && <ErrorNote error={listing.error} />}
        {listing.documents === undefined ? <p class="muted">Loading…</p> : <FolderTree documents={listing.documents} current={current} />}
        {listing.truncated && <p class="muted docs-note">Only the first {LISTING_LIMIT} documents are listed; search finds the rest.</p>}
      </nav>
    </aside>
  );
}
