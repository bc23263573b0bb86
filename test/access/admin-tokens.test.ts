import { beforeAll, describe, expect, it } from 'vitest';
import { fails, okJson, runCli, type CliEnv } from '../cli/cli-process.js';
import { Api, expectRefusal } from '../http/http-client.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';

const DAY = 86_400_000;

/** The hub's operator: the hub's own data dir (so its admin token) and nothing else set. */
const operatorOf = (hub: HubProcess): CliEnv => ({
  BATON_DATA: hub.dataDir,
  BATON_URL: hub.url,
  BATON_TOKEN: undefined,
  BATON_WORKSPACE: undefined,
  BATON_NAME: 'operator',
});

describe('baton token', () => {
  let hub: HubProcess;
  let operator: CliEnv;
  beforeAll(async () => {
    hub = await startHubProcess();
    operator = operatorOf(hub);
  });

  const whoIs = (secret: string) => new Api(hub.url, secret).get('/api/v1/whoami/token');

  it('create - makes a token of the role, workspace, name and expiry asked for, and shows its secret once', async () => {
    const before = Date.now();
    const created = await okJson(['token', 'create', '--role', 'agent', '-w', 'default', '--name', 'n', '--expires', '30d'], operator);
    expect(created).toMatchObject({ success: true, token: { role: 'agent', workspace: 'default', name: 'n', state: 'live' } });
    expect(created.secret).toMatch(/^baton_/);
    const expiresIn = Date.parse(created.token.expires_at) - Date.parse(created.token.created_at);
    expect(expiresIn).toBe(30 * DAY);
    expect(Date.parse(created.token.created_at)).toBeGreaterThanOrEqual(before - 1000);
    const who = await whoIs(created.secret);
    expect(who.json.token).toEqual({ id: created.token.id, name: 'n', role: 'agent', workspace: 'default' });
  });

  it('list - shows live tokens and never a secret', async () => {
    const created = await okJson(['token', 'create', '--role', 'viewer', '--name', 'listed'], operator);
    const listing = await runCli(['token', 'list', '--json'], operator);
    expect(listing.code).toBe(0);
    expect(listing.stdout).not.toContain(created.secret);
    expect(listing.stdout).not.toContain('baton_');
    const { tokens } = JSON.parse(listing.stdout) as { tokens: Record<string, unknown>[] };
    expect(tokens).toContainEqual(expect.objectContaining({ id: created.token.id, name: 'listed', role: 'viewer', workspace: 'default', state: 'live', expires_at: null }));
    expect(tokens).toContainEqual(expect.objectContaining({ name: 'local-admin', role: 'admin', workspace: null }));
    for (const token of tokens) expect(Object.keys(token)).not.toContain('secret');
  });

  it('list - the text form is a table of id, role, workspace, state, expiry, last use and name', async () => {
    const created = await okJson(['token', 'create', '--role', 'coordinator', '--name', 'lead'], operator);
    const before = await runCli(['token', 'list'], operator);
    expect(before.code).toBe(0);
    const lines = before.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID\s+ROLE\s+WORKSPACE\s+STATE\s+EXPIRES\s+LAST USED\s+NAME$/);
    expect(lines.find((l) => l.startsWith(created.token.id))).toMatch(/coordinator\s+default\s+live\s+never\s+never\s+lead$/);
    expect((await whoIs(created.secret)).status).toBe(200);
    const after = await okJson(['token', 'list'], operator);
    const used = after.tokens.find((t: { id: string }) => t.id === created.token.id);
    expect(Date.parse(used.last_used_at)).toBeGreaterThanOrEqual(Date.parse(created.token.created_at));
  });

  it('revoke - the token is refused at once, leaves the list, and shows as revoked with --all', async () => {
    const created = await okJson(['token', 'create', '--role', 'agent', '--name', 'short-lived'], operator);
    expect((await whoIs(created.secret)).status).toBe(200);
    const revoked = await okJson(['token', 'revoke', created.token.id], operator);
    expect(revoked.token).toMatchObject({ id: created.token.id, state: 'revoked' });
    expect(revoked.token.revoked_at).toEqual(expect.any(String));
    const refused = await whoIs(created.secret);
    expectRefusal(refused, 401, 'unauthenticated');
    expect(refused.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const ids = async (args: string[]) => ((await okJson(['token', 'list', ...args], operator)).tokens as { id: string }[]).map((t) => t.id);
    expect(await ids([])).not.toContain(created.token.id);
    expect(await ids(['--all'])).toContain(created.token.id);
  });

  it('revoke - an unknown id fails with a one-line reason', async () => {
    await fails(['token', 'revoke', 't-nosuch'], operator, /^baton: Token 't-nosuch' not found$/);
  });

  it('create - a bad expiry or an unknown workspace fails with a one-line reason and makes nothing', async () => {
    const before = (await okJson(['token', 'list', '--all'], operator)).tokens.length as number;
    await fails(['token', 'create', '--role', 'agent', '--expires', '30 days'], operator, /^baton: expires: must be a duration/);
    await fails(['token', 'create', '--role', 'agent', '-w', 'nowhere'], operator, /^baton: Workspace 'nowhere' not found$/);
    expect((await okJson(['token', 'list', '--all'], operator)).tokens).toHaveLength(before);
  });

  it('an agent token - baton token list fails with a one-line 403 reason', async () => {
    const agent = await okJson(['token', 'create', '--role', 'agent', '--name', 'worker-7'], operator);
    const asAgent = { ...operator, BATON_TOKEN: agent.secret as string };
    await fails(['token', 'list'], asAgent, /^baton: token\.list needs the admin role; this token \(worker-7\) is agent$/);
    await fails(['token', 'create', '--role', 'admin'], asAgent, /^baton: token\.create needs the admin role/);
  });

  it('over HTTP - an admin token is never tied to a workspace; a bad field is named', async () => {
    const api = new Api(hub.url);
    const admin = await api.post('/api/v1/tokens', { role: 'admin', workspace: 'default', name: 'second-admin' });
    expect(admin.status, admin.text).toBe(201);
    expect(admin.json.token).toMatchObject({ role: 'admin', workspace: null });
    expectRefusal(await api.post('/api/v1/tokens', { role: 'agent', expires: 'soon' }), 400, 'invalid_input', 'expires');
    expectRefusal(await api.post('/api/v1/tokens', { role: 'root' }), 400, 'invalid_input', 'role');
    expectRefusal(await api.post('/api/v1/tokens', { role: 'agent', workspace: 'nowhere' }), 404, 'not_found');
  });

  it('over HTTP - a token of another role reaches only what its role allows', async () => {
    const viewer = (await okJson(['token', 'create', '--role', 'viewer', '--name', 'watcher'], operator)).secret as string;
    const api = new Api(hub.url, viewer);
    expect((await api.get('/api/v1/channels')).status).toBe(200);
    const posted = await api.post('/api/v1/channels/general/messages', { title: 'hi' }, { name: 'watcher-session' });
    expectRefusal(posted, 403, 'forbidden');
    expect(posted.json.error).toBe('message.post needs the agent role; this token (watcher) is viewer');
    expectRefusal(await api.get('/api/v1/tokens'), 403, 'forbidden');
  });
});
