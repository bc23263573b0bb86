import { chmodSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fails, ok, okJson, type CliEnv } from '../cli/cli-process.js';
import { Api } from '../http/http-client.js';
import { startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { announcedUrl, serve } from './admin-serve-output.js';

/** The last line of what a starting hub prints: once it is there, everything before it is too. */
const CONNECT_HINT = /connect from elsewhere: .*\n/;

const tokenFile = (dataDir: string): string => join(dataDir, 'admin.token');
const secretIn = (dataDir: string): string => readFileSync(tokenFile(dataDir), 'utf8').trim();

/** A person on the hub's machine with only the hub's data dir: no token, no workspace, no name of their own. */
const onTheHubMachine = (dataDir: string, url: string | undefined): CliEnv => ({
  BATON_DATA: dataDir,
  BATON_URL: url,
  BATON_TOKEN: undefined,
  BATON_WORKSPACE: undefined,
  BATON_NAME: 'operator',
});

/** What the hub says a token is, asked with that token. */
const whoIs = async (url: string, secret: string) => new Api(url, secret).get('/api/v1/whoami/token');

describe('first start: the local admin token', () => {
  it('first start - writes <data>/admin.token with mode 0600 and says how to connect', async () => {
    const dataDir = tempDir('baton-first-');
    const hub = await serve(['--port', '0', '--data', dataDir]);
    const stdout = await hub.until('stdout', CONNECT_HINT);
    const url = announcedUrl(stdout);
    expect(statSync(tokenFile(dataDir)).mode & 0o777).toBe(0o600);
    const secret = secretIn(dataDir);
    expect(secret).toMatch(/^baton_/);
    expect(stdout).toContain(`made an admin token: ${tokenFile(dataDir)} (mode 0600; commands on this machine use it by themselves)`);
    expect(stdout).toContain('connect an agent on this machine: claude mcp add baton -- npx baton mcp');
    expect(stdout).toContain(`then send Authorization: Bearer <token> to ${url}/mcp`);
    expect(stdout, 'the secret itself is never printed').not.toContain(secret);
    const who = await whoIs(url, secret);
    expect(who.status, who.text).toBe(200);
    expect(who.json.token).toMatchObject({ name: 'local-admin', role: 'admin', workspace: null });
    expect(await hub.stop()).toBe(0);
  });

  it('restart - a second start keeps the admin token it finds', async () => {
    const dataDir = tempDir('baton-again-');
    const first = await startHubProcess({ dataDir });
    expect(first.token).toBe(secretIn(dataDir));
    expect(await first.stop()).toBe(0);
    const second = await serve(['--port', '0', '--data', dataDir]);
    const stdout = await second.until('stdout', CONNECT_HINT);
    expect(stdout).toContain(`admin token: ${tokenFile(dataDir)}`);
    expect(stdout).not.toContain('made an admin token');
    expect(secretIn(dataDir)).toBe(first.token);
    expect((await whoIs(announcedUrl(stdout), first.token!)).status).toBe(200);
    expect(await second.stop()).toBe(0);
  });

  it('restart - an admin token file left readable by others is made 0600 again, and kept', async () => {
    const dataDir = tempDir('baton-loose-');
    const first = await startHubProcess({ dataDir });
    expect(await first.stop()).toBe(0);
    chmodSync(tokenFile(dataDir), 0o644);
    const second = await startHubProcess({ dataDir });
    expect(second.token).toBe(first.token);
    expect(statSync(tokenFile(dataDir)).mode & 0o777).toBe(0o600);
  });

  it('restart - after its admin token was revoked, the next start writes a new one that works', async () => {
    const dataDir = tempDir('baton-revoked-');
    const hub = await startHubProcess({ dataDir });
    const old = hub.token!;
    const id = (await whoIs(hub.url, old)).json.token.id as string;
    const revoked = await okJson(['token', 'revoke', id], onTheHubMachine(dataDir, hub.url));
    expect(revoked.token).toMatchObject({ id, state: 'revoked' });
    expect((await whoIs(hub.url, old)).status, 'refused at once').toBe(401);
    expect(await hub.stop()).toBe(0);

    const restarted = await serve(['--port', '0', '--data', dataDir]);
    const stdout = await restarted.until('stdout', CONNECT_HINT);
    expect(stdout).toContain(`made an admin token: ${tokenFile(dataDir)}`);
    const renewed = secretIn(dataDir);
    expect(renewed).not.toBe(old);
    expect(statSync(tokenFile(dataDir)).mode & 0o777).toBe(0o600);
    const url = announcedUrl(stdout);
    const who = await whoIs(url, renewed);
    expect(who.status, who.text).toBe(200);
    expect(who.json.token).toMatchObject({ role: 'admin', workspace: null });
    expect(who.json.token.id).not.toBe(id);
    expect((await whoIs(url, old)).status, 'the revoked one stays refused').toBe(401);
    expect(await restarted.stop()).toBe(0);
  });
});

describe('commands on the hub machine', () => {
  it('local command - with only the data dir and the URL, a command finds the admin token and works', async () => {
    const hub = await startHubProcess();
    const env = onTheHubMachine(hub.dataDir, hub.url);
    const { tokens } = await okJson(['token', 'list'], env);
    expect(tokens.map((t: { name: string }) => t.name)).toContain('local-admin');
    await ok(['post', 'general', 'posted with the local token'], env);
    const messages = await new Api(hub.url).get('/api/v1/channels/general/messages?limit=5', { name: 'reader' });
    expect(messages.json.messages.map((m: { title: string }) => m.title)).toContain('posted with the local token');
  });

  it('local command - without a URL, a command finds the hub the data dir announced, and its token', async () => {
    const hub = await startHubProcess();
    const { tokens } = await okJson(['token', 'list', '--no-start'], onTheHubMachine(hub.dataDir, undefined));
    expect(tokens.map((t: { name: string }) => t.name)).toContain('local-admin');
  });

  it('local command - with no token anywhere it can look (not in its data dir, no note of the hub) gets a one-line 401', async () => {
    const hub = await startHubProcess();
    // Another temp dir hides the note the running hub left for this user's commands.
    const env = { ...onTheHubMachine(tempDir('baton-elsewhere-'), hub.url), TMPDIR: tempDir('baton-other-tmp-') };
    await fails(['token', 'list'], env, /needs a token/);
  });
});
