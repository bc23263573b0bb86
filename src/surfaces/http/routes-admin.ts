import { Hono, type Context } from 'hono';
import type { AdminService } from '../../access/admin-service.js';
import type { Access } from '../../hub/access.js';
import { cookieOpens, type Gate } from './gate.js';
import { jsonBodyLimit } from './json-body-limit.js';
import { jsonBody, queryOf } from './request-input.js';

/** Hub-wide routes: the workspaces a token may see; for admins, tokens, workspaces and the audit log. */
export function adminRoutes(gate: Gate, admin: AdminService, requestBytes: number): Hono {
  const app = new Hono();
  app.use('*', jsonBodyLimit(requestBytes));
  const checked = async (c: Context): Promise<Access> => {
    const access = await gate.access(c, cookieOpens(c, c.req.path));
    gate.limit(c, access);
    return access;
  };
  app.get('/workspaces', async (c) => c.json({ workspaces: await admin.visibleWorkspaces(await checked(c)) }));
  app.post('/workspaces', async (c) => c.json({ success: true, workspace: await admin.createWorkspace(await checked(c), await jsonBody(c)) }, 201));
  app.patch('/workspaces/:name', async (c) => c.json({ success: true, workspace: await admin.updateWorkspace(await checked(c), c.req.param('name'), await jsonBody(c)) }));
  app.delete('/workspaces/:name', async (c) => c.json(await admin.deleteWorkspace(await checked(c), c.req.param('name'))));
  app.get('/tokens', async (c) => c.json({ tokens: await admin.listTokens(await checked(c), c.req.query('all') === 'true') }));
  app.post('/tokens', async (c) => c.json(await admin.createToken(await checked(c), await jsonBody(c)), 201));
  app.delete('/tokens/:id', async (c) => c.json(await admin.revokeToken(await checked(c), c.req.param('id'))));
  app.get('/audit', async (c) => c.json({ entries: await admin.readAudit(await checked(c), queryOf(c)) }));
  app.get('/whoami/token', async (c) => {
    const access = await checked(c);
    return c.json({ token: { id: access.tokenId, name: access.tokenName, role: access.role, workspace: access.workspace } });
  });
  return app;
}
