import { useRoute } from 'preact-iso';
import { DocumentPane } from './document-pane.js';
import { DocumentsSide } from './documents-side.js';
import { useListing } from './use-listing.js';
import './documents.css';

/** `?v=N`, when it is a version number. */
function versionOf(query: Record<string, string>): number | undefined {
  const v = query.v;
  return v !== undefined && /^\d{1,9}$/.test(v) && Number(v) > 0 ? Number(v) : undefined;
}

/** `/docs` and `/d/:id` (`?v=N`): the folder tree, and the chosen document at a version. */
export function DocumentsView() {
  const { params, query } = useRoute();
  const reference = params.id;
  const listing = useListing();
  return (
    <section class="view docs">
      <DocumentsSide listing={listing} current={reference} />
      <div class="docs-main">
        {reference ? (
          <DocumentPane reference={reference} version={versionOf(query)} />
        ) : (
          <div class="docs-intro">
            <h1>Documents</h1>
            <p class="muted">Choose a document to read it, see who wrote each version, and compare versions.</p>
          </div>
        )}
      </div>
    </section>
  );
}
