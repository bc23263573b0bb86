import { localPath } from '../../state/place.js';

export interface SafeLink {
  href: string;
  /** What the link says: a path inside this hub, or the address elsewhere. */
  text: string;
  /** Inside this hub: the router opens it in place. */
  local: boolean;
}

/** A link an agent wrote, if it is an http(s) address or a path of this hub; anything else (`javascript:` too) stays text. */
export function safeLink(raw: string): SafeLink | undefined {
  if (!/^(https?:\/\/|\/(?!\/))/i.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw, location.href);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.origin === location.origin) {
    const path = localPath(url.href);
    return { href: path, text: path, local: true };
  }
  return { href: url.href, text: `${url.host}${url.pathname === '/' ? '' : url.pathname}`, local: false };
}
