import type { HubContext } from './context.js';
import { decodeText, readRange } from './document-content.js';

/** Text larger than this is found by its path only: the index stays small and an upload stays quick. */
const INDEXED_BYTES = 1024 * 1024;

/** Brings the search index in step with a document: its path, and the text of its current version when it is text. */
export async function indexDocument(ctx: HubContext, id: string): Promise<void> {
  const { store, blobs } = ctx;
  const document = await store.documents.byId(id);
  if (!document || document.deletedAt !== null) return store.search.dropDocument(id);
  const version = await store.documents.version(id, document.currentVersion);
  const bytes = version && version.size <= INDEXED_BYTES ? await readRange(blobs.open(version.sha256)) : undefined;
  await store.search.indexDocument(id, document.path, bytes ? (decodeText(bytes, true)?.text ?? null) : null);
}
