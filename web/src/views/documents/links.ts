import { href } from '../../state/place.js';

/** A document's page in this view, at a version when one is given. */
export const documentHref = (id: string, version?: number): string =>
  href(`/d/${encodeURIComponent(id)}${version === undefined ? '' : `?v=${version}`}`);

/** A version's raw bytes, served by the hub as a sandboxed attachment (images are shown from it too). */
export const rawHref = (id: string, version: number): string => href(`/d/${encodeURIComponent(id)}/raw?v=${version}`);

export const sessionHref = (id: string): string => href(`/sessions/${encodeURIComponent(id)}`);
