import { Hono } from 'hono';
import { notFound } from '../../core/errors.js';
import { clip } from '../../core/text.js';
import type { Dashboard } from './dashboard.js';

/**
 * The dashboard's scripts and styles: public (they hold no data), named by their content's hash, so a
 * browser keeps them for a year and asks again only when a new build names new files.
 */
export function assetRoutes(dashboard: Dashboard | undefined): Hono {
  const app = new Hono();
  app.get('/assets/:name', (c) => {
    const asset = dashboard?.asset(c.req.param('name'));
    if (!asset) throw notFound(`no asset ${clip(c.req.param('name'), 200)}`);
    const headers: Record<string, string> = { 'content-type': asset.type, etag: asset.etag, 'cache-control': 'public, max-age=31536000, immutable', vary: 'accept-encoding' };
    if (c.req.header('if-none-match') === asset.etag) return c.body(null, 304, headers);
    const accepted = c.req.header('accept-encoding') ?? '';
    if (/\bbr\b/.test(accepted)) return c.body(new Uint8Array(asset.brotli), 200, { ...headers, 'content-encoding': 'br' });
    if (/\bgzip\b/.test(accepted)) return c.body(new Uint8Array(asset.gzip), 200, { ...headers, 'content-encoding': 'gzip' });
    return c.body(new Uint8Array(asset.raw), 200, headers);
  });
  return app;
}
