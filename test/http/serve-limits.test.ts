import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { Api } from './http-client.js';

describe('serve limits', () => {
  let hub: HubProcess;
  let api: Api;
  let alice: string;
  beforeAll(async () => {
    hub = await startHubProcess({ args: ['--lease', '30', '--lease-max', '60'] });
    api = new Api(hub.url);
    alice = await api.session('alice');
  });

  const handoff = async (task: string): Promise<string> => (await api.post('/api/v1/tasks', { task }, { session: alice })).json.task.id as string;

  it('serve - --lease sets the lease a claim gets when it names none', async () => {
    const id = await handoff('default lease');
    const before = Date.now();
    const reply = await api.post(`/api/v1/tasks/${id}/claim`, {}, { session: alice });
    expect(reply.status, reply.text).toBe(200);
    const lease = Date.parse(reply.json.task.lease_expires_at) - Date.parse(reply.json.task.claimed_at);
    expect(lease).toBe(30_000);
    expect(Date.parse(reply.json.task.claimed_at)).toBeGreaterThanOrEqual(before - 1000);
  });

  it('serve - --lease-max bounds the lease a claimer may ask for, and nothing changes when it is exceeded', async () => {
    const id = await handoff('bounded lease');
    const refused = await api.post(`/api/v1/tasks/${id}/claim`, { lease_seconds: 61 }, { session: alice });
    expect(refused.status).toBe(400);
    expect(refused.json).toMatchObject({ success: false, field: 'lease_seconds', error: 'lease_seconds: must be at most 60' });
    expect((await api.get(`/api/v1/tasks/${id}`)).json.task.state).toBe('open');
    const granted = await api.post(`/api/v1/tasks/${id}/claim`, { lease_seconds: 60 }, { session: alice });
    expect(granted.status, granted.text).toBe(200);
  });
});
