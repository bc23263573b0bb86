import { Hono } from 'hono';
import type { Hub } from '../../hub/hub.js';
import { queryOf } from './request-input.js';

/** GET /search?q=…: one box over messages and documents. */
export function searchRoutes(hub: Hub): Hono {
  const app = new Hono();
  app.get('/search', async (c) => c.json(await hub.search.search(queryOf(c))));
  return app;
}
