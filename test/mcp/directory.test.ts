import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { connect } from '../support/mcp-client.js';

describe('collab_directory and sessions', () => {
  let hub: HubProcess;
  beforeAll(async () => {
    hub = await startHubProcess();
  });

  const usersOf = async (url: string) => (await (await connect(url, 'observer')).call('collab_directory', { operation: 'list_users', limit: 100 })).users;

  it("initialize - creates a session named after the client's clientInfo", async () => {
    const mcp = await connect(hub.url, 'claude-code');
    const { session } = await mcp.call('collab_directory', { operation: 'whoami' });
    expect(session).toMatchObject({ name: 'claude-code', client: 'claude-code', role: 'agent', presence: 'online' });
    expect(session.id).toMatch(/^s-[0-9a-z]{6}$/);
  });

  it('initialize - the session exists before the client calls any tool', async () => {
    const silent = await connect(hub.url, 'silent-instance');
    const users = await usersOf(hub.url);
    expect(users.map((u: { name: string }) => u.name)).toContain('silent-instance');
    await silent.close();
  });

  it('initialize - X-Baton-Session binds the connection to an existing session', async () => {
    const first = await connect(hub.url, 'codex');
    const { session } = await first.call('collab_directory', { operation: 'whoami' });
    const second = await connect(hub.url, 'codex', { 'X-Baton-Session': session.id });
    expect((await second.call('collab_directory', { operation: 'whoami' })).session.id).toBe(session.id);
  });

  it('initialize - X-Baton-Session-Name and X-Baton-Role name the new session', async () => {
    const mcp = await connect(hub.url, 'claude-code', { 'X-Baton-Session-Name': 'reviewer-1', 'X-Baton-Role': 'reviewer' });
    const { session } = await mcp.call('collab_directory', { operation: 'whoami' });
    expect(session).toMatchObject({ name: 'reviewer-1', role: 'reviewer', client: 'claude-code' });
  });

  it('initialize - an unknown X-Baton-Session is refused with a clear reason', async () => {
    await expect(connect(hub.url, 'ghost', { 'X-Baton-Session': 's-nobody' })).rejects.toThrow(/unknown session 's-nobody'/);
  });

  it("list_users - the sessions with the contract's id, name, email and department, and who is online", async () => {
    await connect(hub.url, 'amplifier');
    const users = await usersOf(hub.url);
    const amplifier = users.find((u: { name: string }) => u.name === 'amplifier');
    expect(Object.keys(amplifier)).toEqual(expect.arrayContaining(['id', 'name', 'email', 'department', 'presence', 'last_seen']));
    expect(amplifier.presence).toBe('online');
  });

  it('list_users - limit bounds the list', async () => {
    const mcp = await connect(hub.url, 'counter');
    const reply = await mcp.call('collab_directory', { operation: 'list_users', limit: 2 });
    expect(reply.users).toHaveLength(2);
  });

  it('get_user - one session by id, under the key user', async () => {
    const mcp = await connect(hub.url, 'worker-a');
    const { session } = await mcp.call('collab_directory', { operation: 'whoami' });
    const reply = await (await connect(hub.url, 'coordinator')).call('collab_directory', { operation: 'get_user', user_id: session.id });
    expect(reply.user).toMatchObject({ id: session.id, name: 'worker-a' });
  });

  it('register - names the session, and the name and resume_token take it back on a new connection', async () => {
    const first = await connect(hub.url, 'claude-code');
    const registered = await first.call('collab_directory', { operation: 'register', name: 'api-worker', role: 'worker' });
    expect(registered).toMatchObject({ success: true, resumed: false, session: { name: 'api-worker', role: 'worker', client: 'claude-code' } });
    expect(registered.resume_token).toEqual(expect.any(String));
    const posted = await first.call('collab_channels', { operation: 'post', channel_name: 'general', title: '🚀 Starting: api', message: 'go' });
    await first.close();

    const second = await connect(hub.url, 'claude-code');
    const resumed = await second.call('collab_directory', { operation: 'register', name: 'api-worker', resume_token: registered.resume_token });
    expect(resumed).toMatchObject({ success: true, resumed: true, session: { id: registered.session.id, name: 'api-worker' } });
    expect((await second.call('collab_directory', { operation: 'whoami' })).session.id).toBe(registered.session.id);
    const after = await second.call('collab_channels', { operation: 'post', channel_name: 'general', title: '✅ Complete: api', message: 'done' });
    const read = await second.call('collab_channels', { operation: 'read', channel_name: 'general', since: posted.id });
    expect(read.messages.find((m: { id: string }) => m.id === after.id).sender_id).toBe(registered.session.id);
  });

  it('register - the session made on first contact is dropped when it was never used', async () => {
    const mcp = await connect(hub.url, 'short-lived-client');
    const { session: auto } = await mcp.call('collab_directory', { operation: 'whoami' });
    await mcp.call('collab_directory', { operation: 'register', name: 'long-lived-name' });
    const ids = (await usersOf(hub.url)).map((u: { id: string }) => u.id);
    expect(ids).not.toContain(auto.id);
  });

  it('register - a session named by X-Baton-Session is kept when the connection registers another', async () => {
    const owner = await connect(hub.url, 'owner');
    const { session } = await owner.call('collab_directory', { operation: 'whoami' });
    const borrower = await connect(hub.url, 'borrower', { 'X-Baton-Session': session.id });
    await borrower.call('collab_directory', { operation: 'register', name: 'borrower-own' });
    expect((await usersOf(hub.url)).map((u: { id: string }) => u.id)).toContain(session.id);
  });
});
