import { beforeAll, describe, expect, it } from 'vitest';
import { fails, okJson, type CliEnv } from '../cli/cli-process.js';
import { Api, expectRefusal } from '../http/http-client.js';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import type { AuditView as Entry } from '../../src/client/admin-client.js';


/** What an agent token did, and the ids it touched, so the log can be checked against them. */
interface Work {
  tokenId: string;
  session: string;
  message: string;
  document: string;
  task: string;
}

/** An agent token's session posts, uploads, hands off and claims, then tries to cancel (a coordinator's right). */
async function agentWork(hub: HubProcess): Promise<Work> {
  const created = await new Api(hub.url).post('/api/v1/tokens', { role: 'agent', name: 'worker-token' });
  const agent = new Api(hub.url, created.json.secret as string);
  const session = await agent.session('worker');
  const message = (await agent.postMessage(session, 'general', 'progress')).id as string;
  const upload = await agent.post('/api/v1/documents', { path: 'notes/plan.md', content: '# plan' }, { session });
  const task = (await agent.post('/api/v1/tasks', { task: 'review the plan' }, { session })).json.task.id as string;
  expect((await agent.post(`/api/v1/tasks/${task}/claim`, {}, { session })).status).toBe(200);
  expectRefusal(await agent.post(`/api/v1/tasks/${task}/cancel`, { reason: 'changed my mind' }, { session }), 403, 'forbidden');
  return { tokenId: created.json.token.id as string, session, message, document: upload.json.document.id as string, task };
}

describe('the audit log', () => {
  let hub: HubProcess;
  let operator: CliEnv;
  let work: Work;
  let adminSession: string;
  beforeAll(async () => {
    hub = await startHubProcess();
    operator = { BATON_DATA: hub.dataDir, BATON_URL: hub.url, BATON_TOKEN: undefined, BATON_WORKSPACE: undefined, BATON_NAME: 'operator' };
    work = await agentWork(hub);
    // Someone else's post, so the filters have something to leave out.
    const admin = new Api(hub.url);
    adminSession = await admin.session('overseer');
    await admin.postMessage(adminSession, 'general', 'noted');
  });

  const audit = async (...args: string[]): Promise<Entry[]> => (await okJson(['audit', ...args], operator)).entries as Entry[];

  it('baton audit - each write and refusal, newest first, with its token, session, action, target and outcome', async () => {
    const entries = await audit();
    const ids = entries.map((e) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
    const byWorker = entries.filter((e) => e.session_id === work.session).map((e) => [e.action, e.target, e.outcome]);
    expect(byWorker).toEqual([
      ['task.cancel', work.task, 'denied'],
      ['task.claim', work.task, 'ok'],
      ['task.create', work.task, 'ok'],
      ['document.upload', `${work.document} v1`, 'ok'],
      ['message.post', work.message, 'ok'],
      ['session.register', work.session, 'ok'],
    ]);
    for (const entry of entries.filter((e) => e.session_id === work.session)) {
      expect(entry).toMatchObject({ workspace: 'default', token_id: work.tokenId, token_name: 'worker-token' });
      expect(Date.parse(entry.timestamp)).not.toBeNaN();
    }
    expect(entries.at(-1)).toMatchObject({ action: 'token.create', target: work.tokenId, token_name: 'local-admin', session_id: null, workspace: null });
  });

  it('GET /api/v1/audit - the same entries as the command', async () => {
    const reply = await new Api(hub.url).get('/api/v1/audit');
    expect(reply.status, reply.text).toBe(200);
    expect(reply.json.entries).toEqual(await audit());
  });

  it('--session - only what that session did', async () => {
    const entries = await audit('--session', work.session);
    expect(entries).toHaveLength(6);
    expect(entries.every((e) => e.session_id === work.session)).toBe(true);
    const query = await new Api(hub.url).get(`/api/v1/audit?session=${work.session}`);
    expect(query.json.entries).toEqual(entries);
  });

  it('--action - only that action, from every token', async () => {
    const entries = await audit('--action', 'message.post');
    expect(entries.map((e) => [e.session_id, e.target])).toEqual([
      [adminSession, expect.stringMatching(/^m-/)],
      [work.session, work.message],
    ]);
  });

  it('--token-id - only what that token did', async () => {
    const entries = await audit('--token-id', work.tokenId);
    expect(entries.map((e) => e.action)).toEqual(['task.cancel', 'task.claim', 'task.create', 'document.upload', 'message.post', 'session.register']);
  });

  it('--after - only later entries, oldest first; --limit bounds them', async () => {
    const all = await audit();
    const pivot = all.find((e) => e.action === 'document.upload')!.id;
    const later = await audit('--after', String(pivot));
    expect(later.map((e) => e.id)).toEqual(all.filter((e) => e.id > pivot).map((e) => e.id).reverse());
    expect((await audit('--after', String(pivot), '--limit', '2')).map((e) => e.action)).toEqual(['task.create', 'task.claim']);
    expect(await audit('--limit', '1')).toEqual(all.slice(0, 1));
  });

  it('an agent token - reading the audit is refused with 403, and the refusal is itself recorded', async () => {
    const created = await new Api(hub.url).post('/api/v1/tokens', { role: 'agent', name: 'curious' });
    const secret = created.json.secret as string;
    const refused = await new Api(hub.url, secret).get('/api/v1/audit');
    expectRefusal(refused, 403, 'forbidden');
    expect(refused.json.error).toBe('audit.read needs the admin role; this token (curious) is agent');
    await fails(['audit'], { ...operator, BATON_TOKEN: secret }, /^baton: audit\.read needs the admin role; this token \(curious\) is agent$/);
    const denials = await audit('--token-id', created.json.token.id as string);
    expect(denials.map((e) => [e.action, e.outcome])).toEqual([
      ['audit.read', 'denied'],
      ['audit.read', 'denied'],
    ]);
  });
});
