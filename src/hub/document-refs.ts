import { invalidInput } from '../core/errors.js';

export type DocumentRef = { kind: 'id'; id: string; version?: number } | { kind: 'path'; path: string };

const ID = /^d-[0-9a-z]{6,16}$/;

/**
 * A document can be named by its id, its path, or any web_url the hub handed out
 * (`…/d/<id>?v=3`); the version in a link is kept.
 */
export function parseDocumentRef(raw: string, field = 'document_id'): DocumentRef {
  const ref = raw.trim();
  if (ID.test(ref)) return { kind: 'id', id: ref };
  if (/^https?:\/\//i.test(ref)) return refFromUrl(ref, field);
  return { kind: 'path', path: ref };
}

function refFromUrl(raw: string, field: string): DocumentRef {
  const url = URL.canParse(raw) ? new URL(raw) : undefined;
  const id = url && /\/d\/(d-[0-9a-z]{6,16})\/?$/.exec(url.pathname)?.[1];
  if (!url || !id) throw invalidInput(field, 'is a link, but not to a document (expected …/d/<id>)');
  const v = Number(url.searchParams.get('v'));
  return Number.isSafeInteger(v) && v > 0 ? { kind: 'id', id, version: v } : { kind: 'id', id };
}
