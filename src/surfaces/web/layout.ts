import { escapeHtml } from './markdown.js';

/** What a page shows before (and without) the dashboard's script: a title and server-rendered HTML. */
export interface Page {
  title: string;
  body: string;
}

/**
 * Pages run only the dashboard's own script files (never inline script, so injected markup cannot
 * run), talk only to this hub, and load nothing from elsewhere but https images.
 */
export const PAGE_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; img-src 'self' data: https:; style-src 'self' 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

const STYLE = `
  :root { color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }
  body { max-width: 60rem; margin: 0 auto; padding: 1rem; }
  header a { margin-right: 1rem; }
  .message { border-left: 3px solid #8884; padding: .25rem .75rem; margin: .75rem 0; }
  .message:target { border-left-color: #d80; background: #d801; }
  .meta { color: #888; font-size: .85em; }
  pre { overflow-x: auto; background: #8881; padding: .5rem; }
  table { border-collapse: collapse; } td, th { border: 1px solid #8884; padding: .25rem .5rem; }
  img { max-width: 100%; }
`;

/** A page without the dashboard: the login form, and every page when the dashboard was not built. */
export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} · Baton</title><style>${STYLE}</style></head>
<body><header><a href="/">Baton</a></header><main>
${body}
</main></body></html>`;
}
