import { describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { expectAccessSurvives, expectAudited, everyAuditEntry, verifyWorkspace } from './support/workspace-verify.js';
import { send as call } from './support/wire.js';
import { WorkspaceAcks, WorkspaceStorm, type MintedToken, type StormCast, type Writer } from './support/workspace-storm.js';

const STORM = 'storm';
// The storm writes far faster than the default per-token rate; a 429 would only be counted as a fault.
const HUB_ARGS = ['--rate-limit', '0'];

/** When each kill comes: after so many acknowledgements in `storm` (with some in `default`), or right after a kind of write. */
const KILL_MOMENTS: { name: string; done: (storm: WorkspaceAcks, base: WorkspaceAcks, before: number) => boolean }[] = [
  { name: 'early in the storm', done: (s, b, before) => s.ledger.acks >= before + 40 && b.ledger.acks > 0 },
  { name: 'right after an acknowledged completion', done: (s, b, before) => s.ledger.acks >= before + 120 && [...s.ledger.tasks.values()].some((t) => t.completed) },
  { name: 'right after an acknowledged upload', done: (s, b, before) => s.ledger.acks >= before + 200 && s.ledger.versions.length > 0 && b.ledger.versions.length > 0 },
];

/** The workspace, an agent token and session for each writer (in `storm` and in `default`), and the admin's own session. */
async function cast(url: string, adminToken: string): Promise<StormCast> {
  const adminCaller = { token: adminToken };
  const made = await call(url, adminCaller, 'POST', '/api/v1/workspaces', { name: STORM });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  const adminId = (await call(url, adminCaller, 'GET', '/api/v1/whoami/token')).body.token.id as string;
  const writer = async (name: string, workspace: string): Promise<Writer> => {
    const token = await call(url, adminCaller, 'POST', '/api/v1/tokens', { role: 'agent', workspace, name });
    expect(token.status, JSON.stringify(token.body)).toBe(201);
    const prefix = workspace === 'default' ? '' : `/w/${workspace}`;
    const session = await call(url, { token: token.body.secret }, 'POST', `${prefix}/api/v1/sessions`, { name, client: 'crash-test' });
    expect(session.status, JSON.stringify(session.body)).toBe(201);
    return { tokenId: token.body.token.id, token: token.body.secret, session: session.body.session.id };
  };
  return {
    storm: { poster: await writer('poster', STORM), uploader: await writer('uploader', STORM), author: await writer('author', STORM), claimer: await writer('claimer', STORM) },
    base: { poster: await writer('base-poster', 'default'), uploader: await writer('base-uploader', 'default') },
    admin: { tokenId: adminId, token: adminToken, session: '' },
  };
}

/** An admin session in a workspace, to read it back with after every restart. */
async function readerIn(url: string, admin: Writer, prefix: string): Promise<Writer> {
  const session = await call(url, admin, 'POST', `${prefix}/api/v1/sessions`, { name: 'verifier', client: 'crash-test' });
  expect(session.status).toBe(201);
  return { ...admin, session: session.body.session.id };
}

describe('crash safety: SIGKILL during a storm of writes in a non-default workspace', () => {
  it('keeps every acknowledged post, upload, claim and token with its audit entry, shows nothing half-written, and keeps the workspace and its tokens, over three kills', async () => {
    const dataDir = tempDir('baton-ws-crash-');
    let hub: HubProcess = await startHubProcess({ dataDir, args: HUB_ARGS });
    const adminToken = hub.token!;
    const people = await cast(hub.url, adminToken);
    const readers = { storm: await readerIn(hub.url, people.admin, `/w/${STORM}`), base: await readerIn(hub.url, people.admin, '') };
    const storm = new WorkspaceAcks(STORM, `/w/${STORM}`);
    const base = new WorkspaceAcks('default', '');
    const minted: MintedToken[] = [];
    for (const [cycle, moment] of KILL_MOMENTS.entries()) {
      const writes = new WorkspaceStorm(hub.url, people, storm, base, minted, cycle);
      const running = writes.run();
      const before = storm.ledger.acks;
      await writes.until(() => moment.done(storm, base, before));
      process.kill(hub.process.pid!, 'SIGKILL');
      await hub.stop('SIGKILL');
      await running;

      hub = await startHubProcess({ dataDir, args: HUB_ARGS });
      expect(hub.token, 'the admin token kept in the data dir').toBe(adminToken);
      const workspaces = (await call(hub.url, people.admin, 'GET', '/api/v1/workspaces')).body.workspaces as { name: string }[];
      expect(workspaces.map((w) => w.name)).toContain(STORM);
      const stormSeen = await verifyWorkspace(hub.url, dataDir, readers.storm, storm);
      const baseSeen = await verifyWorkspace(hub.url, dataDir, readers.base, base);
      expect([stormSeen.seen.tmpFiles, baseSeen.seen.tmpFiles], 'unfinished uploads left in blobs/tmp').toEqual([0, 0]);
      const entries = await everyAuditEntry(hub.url, people.admin);
      expectAudited(entries, storm, stormSeen);
      expectAudited(entries, base, baseSeen);
      await expectAccessSurvives(hub.url, people, minted, entries);
      console.info(
        `after a kill ${moment.name}: acknowledged ${storm.ledger.acks} writes in ${STORM}, ${base.ledger.acks} in default, ${minted.length} tokens; ` +
          `${entries.length} audit entries; visible in ${STORM}`,
        stormSeen.seen,
        'in default',
        baseSeen.seen,
      );
    }
    expect(storm.ledger.versions.length).toBeGreaterThan(0);
    expect([...storm.ledger.tasks.values()].filter((t) => t.completed).length).toBeGreaterThan(0);
    expect(base.ledger.messages.size).toBeGreaterThan(0);
    expect(minted.length).toBeGreaterThan(0);
    await hub.stop();
  }, 120_000);
});
