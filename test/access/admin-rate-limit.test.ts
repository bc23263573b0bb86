import { describe, expect, it } from 'vitest';
import { Api, expectRefusal, type Reply } from '../http/http-client.js';
import { startHubProcess } from '../support/hub-process.js';

/** A fresh agent token from the hub's admin; each token has its own budget of requests. */
async function agentToken(url: string, name: string): Promise<string> {
  const reply = await new Api(url).post('/api/v1/tokens', { role: 'agent', name });
  if (reply.status !== 201) throw new Error(`token: ${reply.status} ${reply.text}`);
  return reply.json.secret as string;
}

/** `n` reads sent at once with one token, answered in the order the hub took them. */
const burstOf = (api: Api, n: number): Promise<Reply[]> => Promise.all(Array.from({ length: n }, () => api.get('/api/v1/channels')));

describe('serve --rate-limit', () => {
  it('--rate-limit 2 --rate-burst 3 - the 4th quick request is refused with Retry-After; another token is not', async () => {
    const hub = await startHubProcess({ args: ['--rate-limit', '2', '--rate-burst', '3'] });
    // Made first: the admin token that makes them has a budget of its own.
    const busy = new Api(hub.url, await agentToken(hub.url, 'busy'));
    const calm = new Api(hub.url, await agentToken(hub.url, 'calm'));
    const replies = await burstOf(busy, 4);
    expect(replies.map((r) => r.status).sort()).toEqual([200, 200, 200, 429]);
    const refused = replies.find((r) => r.status === 429)!;
    expectRefusal(refused, 429, 'rate_limited');
    expect(refused.json.error).toMatch(/^too many requests for token busy: at most 2 a second; retry in \d+ s$/);
    const retryAfter = refused.headers.get('retry-after');
    expect(retryAfter).toMatch(/^\d+$/);
    expect(Number(retryAfter)).toBeGreaterThanOrEqual(1);
    const other = await calm.get('/api/v1/channels');
    expect(other.status, other.text).toBe(200);
  });

  it('--rate-limit 0 - no request is ever refused for its rate', async () => {
    const hub = await startHubProcess({ args: ['--rate-limit', '0', '--rate-burst', '1'] });
    const replies = await burstOf(new Api(hub.url), 50);
    expect(replies.filter((r) => r.status !== 200)).toEqual([]);
  });

  it('the health check is not counted: it needs no token', async () => {
    const hub = await startHubProcess({ args: ['--rate-limit', '1', '--rate-burst', '1'] });
    const health = await Promise.all(Array.from({ length: 5 }, () => fetch(`${hub.url}/healthz`)));
    expect(health.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
  });
});
