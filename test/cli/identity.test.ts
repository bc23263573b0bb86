import { statSync, readFileSync } from 'node:fs';
import { hostname, userInfo } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHubProcess } from '../support/hub-process.js';
import { okJson, personAt } from './cli-process.js';
import { authedFetch, tokenOf } from '../support/hub-tokens.js';

describe('the command line keeps one session per person and hub', () => {
  it('identity - the same session comes back on every run', async () => {
    const hub = await startHubProcess();
    const env = personAt(hub.url, { BATON_NAME: 'alice' });
    const first = await okJson(['whoami'], env);
    const second = await okJson(['whoami'], env);
    const posted = await okJson(['post', 'general', 'hello'], env);
    expect(second.session.id).toBe(first.session.id);
    expect(posted.message.sender_id).toBe(first.session.id);
    const sessions = (await (await authedFetch(`${hub.url}/api/v1/sessions?limit=100`)).json()) as { sessions: { name: string }[] };
    expect(sessions.sessions.filter((s) => s.name === 'alice')).toHaveLength(1);
  });

  it('identity - the name comes from --as, else BATON_NAME, else user@host', async () => {
    const hub = await startHubProcess();
    const env = personAt(hub.url);
    expect((await okJson(['whoami'], env)).session.name).toBe(`${userInfo().username}@${hostname()}`.slice(0, 80));
    expect((await okJson(['whoami'], { ...env, BATON_NAME: 'coordinator' })).session.name).toBe('coordinator');
    const asBob = await okJson(['whoami', '--as', 'bob'], { ...env, BATON_NAME: 'coordinator' });
    expect(asBob.session).toMatchObject({ name: 'bob', kind: 'human', client: 'baton-cli' });
    expect((await okJson(['whoami', '--as', 'bob'], env)).session.id).toBe(asBob.session.id);
  });

  it('identity - the resume tokens are kept in a file only its owner can read', async () => {
    const hub = await startHubProcess();
    const env = personAt(hub.url, { BATON_NAME: 'alice' });
    const me = await okJson(['whoami'], env);
    const file = join(env.BATON_DATA!, 'cli-sessions.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    expect(saved.sessions).toEqual([{ url: hub.url, name: 'alice', id: me.session.id, resume_token: expect.any(String) }]);
  });

  it('identity - after the hub data is reset, the command line registers anew and keeps the new session', async () => {
    const before = await startHubProcess();
    const env = personAt(before.url, { BATON_NAME: 'alice' });
    const old = await okJson(['whoami'], env);
    await before.stop();
    const port = new URL(before.url).port;
    const after = await startHubProcess({ args: ['--port', port] });
    expect(after.url).toBe(before.url);
    // A reset hub has new tokens: the person is given one of the new hub's.
    env.BATON_TOKEN = tokenOf(after.url);
    const fresh = await okJson(['whoami'], env);
    expect(fresh.session.id).not.toBe(old.session.id);
    expect((await okJson(['whoami'], env)).session.id).toBe(fresh.session.id);
  });
});
