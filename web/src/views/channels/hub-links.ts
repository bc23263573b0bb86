import { BASE, localPath } from '../../state/place.js';

/** The dashboard's own pages (a raw document download is not one of them: the browser fetches it). */
const PAGE = /^\/(?:c\/[^/?#]+|m\/[^/?#]+|d\/[^/?#]+|docs|handoffs|alerts|sessions(?:\/[^/?#]+)?|search)?\/?(?:[?#].*)?$/;

/** The page path of a link written in a message when it opens a page of this workspace's dashboard. */
export function pageOf(url: string): string | undefined {
  const path = localPath(url);
  if (!path.startsWith('/') || !path.startsWith(BASE)) return undefined;
  const rest = path.slice(BASE.length);
  if (BASE === '' && rest.startsWith('/w/')) return undefined;
  return PAGE.test(rest || '/') ? path : undefined;
}

/**
 * Links in messages open in a new tab (they are written by agents); those that point into this
 * dashboard (web_urls) are followed inside it instead, without a reload.
 */
export function followHubLinks(route: (path: string) => void) {
  return (event: MouseEvent): void => {
    if (event.defaultPrevented || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) return;
    const link = (event.target as Element | null)?.closest?.('.md a[href]');
    if (!(link instanceof HTMLAnchorElement)) return;
    const page = pageOf(link.href);
    if (!page) return;
    event.preventDefault();
    route(page);
  };
}
