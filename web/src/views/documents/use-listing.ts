import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http.js';
import type { DocumentListing, DocumentView } from '../../api/types.js';
import { on } from '../../state/live.js';
import { debounced } from '../../ui/debounced.js';

/** The most the hub lists in one read; more is said, not paged (the tree is for finding, search finds the rest). */
export const LISTING_LIMIT = 1000;

export interface Listing {
  documents?: DocumentView[];
  truncated: boolean;
  error?: unknown;
}

const isDocument = (entry: DocumentListing['documents'][number]): entry is DocumentView => !entry.is_folder;

/**
 * Every document of the workspace, read again (once, however many arrive together) after any
 * upload, move or delete, and whenever the live stream reopens.
 */
export function useListing(): Listing {
  const [listing, setListing] = useState<Listing>({ truncated: false });
  useEffect(() => {
    let current = true;
    const read = (): void => {
      api<DocumentListing>('/documents', { query: { recursive: true, limit: LISTING_LIMIT } }).then(
        (found) => current && setListing({ documents: found.documents.filter(isDocument), truncated: found.truncated === true }),
        (error: unknown) => current && setListing((before) => ({ ...before, error })),
      );
    };
    const soon = debounced(read, 150);
    read();
    const stops = [on('document', soon), on('ready', soon)];
    return () => {
      current = false;
      soon.cancel();
      for (const stop of stops) stop();
    };
  }, []);
  return listing;
}
