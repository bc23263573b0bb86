import { api } from '../../api/http.js';
import type { DownloadedText } from '../../api/types.js';

/** One read of the text route: the most it hands out at once. */
const PAGE_BYTES = 60_000;

export type DocumentText =
  | { kind: 'text'; text: string; size: number; read: number; truncated: boolean }
  /** The hub answered in base64: the bytes are not UTF-8 text. */
  | { kind: 'binary' };

/**
 * A version's text, read page by page from `GET /documents/text` up to `limit` bytes. Versions
 * never change, so each read is kept (a few of them: the preview and both sides of a diff).
 */
export function loadText(documentId: string, version: number, limit: number): Promise<DocumentText> {
  const key = `${documentId}@${version}/${limit}`;
  let loading = kept.get(key);
  if (!loading) {
    loading = readPages(documentId, version, limit);
    remember(key, loading);
    loading.catch(() => kept.delete(key));
  }
  return loading;
}

async function readPages(documentId: string, version: number, limit: number): Promise<DocumentText> {
  let text = '';
  let offset = 0;
  for (;;) {
    const page = await api<DownloadedText>('/documents/text', { query: { document_id: documentId, version, offset, max_chars: PAGE_BYTES } });
    if (page.encoding !== 'utf8') return { kind: 'binary' };
    text += page.content;
    const next = page.truncated ? page.next_offset : undefined;
    if (next === undefined || next <= offset) return { kind: 'text', text, size: page.size, read: page.size, truncated: false };
    offset = next;
    if (offset >= limit) return { kind: 'text', text, size: page.size, read: offset, truncated: true };
  }
}

const KEEP = 12;
const kept = new Map<string, Promise<DocumentText>>();

function remember(key: string, loading: Promise<DocumentText>): void {
  kept.set(key, loading);
  if (kept.size > KEEP) kept.delete(kept.keys().next().value!);
}
