/**
 * Which workspace this page is in, read once from its path: `/w/<name>/…` or, for `default`, no
 * prefix. Switching workspaces loads the page again, so this never changes while the app runs.
 */
const match = /^\/w\/([^/]+)/.exec(location.pathname);

export const WORKSPACE = match ? decodeURIComponent(match[1]!) : 'default';

/** The path prefix of this workspace's pages and API. */
export const BASE = match ? `/w/${match[1]}` : '';

/** A path inside this workspace: `href('/c/general')`. */
export const href = (path: string): string => `${BASE}${path}`;

/** The page path of a web_url the hub handed out, when it points into this hub; otherwise the URL itself. */
export function localPath(webUrl: string): string {
  try {
    const url = new URL(webUrl, location.href);
    return url.origin === location.origin ? `${url.pathname}${url.search}${url.hash}` : webUrl;
  } catch {
    return webUrl;
  }
}
