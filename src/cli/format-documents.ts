import type { DocumentListing, DocumentView, Uploaded, VersionList } from '../client/wire-types.js';
import { bytes, clock, shown, table } from './format-text.js';

/** `path  v2  1.2 KB  d-…  web_url` */
export const formatDocument = (d: DocumentView): string => `${shown(d.path)}  v${d.version}  ${bytes(d.size)}  ${d.id}  ${d.web_url}`;

export const formatUploaded = (u: Uploaded): string => `uploaded ${formatDocument(u.document)}`;

export function formatListing(listing: DocumentListing, recursive: boolean): string {
  if (listing.documents.length === 0) return `nothing in ${listing.folder}`;
  const rows = listing.documents.map((entry) =>
    entry.is_folder
      ? [`${shown(entry.name)}/`, '', '', '', '']
      : [shown(recursive ? entry.path : entry.name), bytes(entry.size), `v${entry.version}`, entry.id, entry.content_type],
  );
  const note = 'note' in listing && listing.note ? `\n… ${listing.note}` : '';
  return `${table(rows).replace(/ +$/gm, '')}${note}`;
}

export function formatVersions(list: VersionList): string {
  const rows = list.versions.map((v) => [`v${v.version}`, clock(v.timestamp), `${shown(v.author)} (${v.author_id})`, bytes(v.size), v.sha256.slice(0, 12)]);
  return `${shown(list.document.path)}  ${list.document.id}\n${table(rows)}`;
}
