import { setTimeout as sleep } from 'node:timers/promises';
import type { Agent } from 'node:http';
import { startHub } from '../support/hub-process.js';
import { expectJson, jsonHeaders, keepAliveAgent, registerSession, send, type Reply } from '../support/http.js';
import type { Figure } from '../support/figure.js';
import { samplePost } from '../support/sample-message.js';
import { distribution, msBetween, round, type Distribution } from '../support/stats.js';

export interface WaitOptions {
  waiters: number;
  rounds: number;
  warmupRounds: number;
  /** Pause after the waits are sent, for a hub whose /healthz does not count pending waits. */
  settleMs: number;
  nodeArgs?: string[];
}

interface Waiter {
  session: string;
  cursor: string;
}

interface WaitReply {
  messages: { id: string }[];
  next_cursor: string;
  timed_out: boolean;
}

/**
 * Post-to-wait delivery: `waiters` sessions long-poll GET /api/v1/wait on general; one post goes
 * out; each delivery is timed from just before the post is sent until that waiter has its whole
 * response. Repeated for many posts; every response must carry the posted message.
 */
export async function measureWaitLatency(options: WaitOptions): Promise<Figure[]> {
  const hub = await startHub({ ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) });
  try {
    return await measureDelivery(hub.url, [hub.url], options);
  } finally {
    await hub.stop();
  }
}

/**
 * The same between hubs sharing one store: the waiters wait on `waitUrl`, and the posts go to
 * `postUrls` in turn, so with other nodes there every delivery crosses from one node to another.
 */
export async function measureDelivery(waitUrl: string, postUrls: readonly string[], options: WaitOptions): Promise<Figure[]> {
  const poster = await registerSession(postUrls[0]!, 'bench-poster');
  const waiters: Waiter[] = [];
  for (let i = 0; i < options.waiters; i++) waiters.push({ session: await registerSession(waitUrl, `bench-waiter-${i}`), cursor: '0' });
  const waitAgent = keepAliveAgent();
  const postAgent = keepAliveAgent();
  const latencies: number[] = [];
  const lastPerPost: number[] = [];
  const firstPerPost: number[] = [];
  for (let round = 0; round < options.warmupRounds + options.rounds; round++) {
    const postUrl = postUrls[round % postUrls.length]!;
    const measured = await deliverOnce({ waitUrl, postUrl }, poster, waiters, { waitAgent, postAgent }, options.settleMs);
    if (round < options.warmupRounds) continue;
    latencies.push(...measured);
    firstPerPost.push(Math.min(...measured));
    lastPerPost.push(Math.max(...measured));
  }
  waitAgent.destroy();
  postAgent.destroy();
  return figuresOf(latencies, { first: distribution(firstPerPost), last: distribution(lastPerPost) }, options);
}

/** One round: every waiter waits, one post, each waiter's delivery time in ms. */
async function deliverOnce(
  hubs: { waitUrl: string; postUrl: string },
  poster: string,
  waiters: Waiter[],
  agents: { waitAgent: Agent; postAgent: Agent },
  settleMs: number,
): Promise<number[]> {
  const arrivals = waiters.map((w) =>
    send(`${hubs.waitUrl}/api/v1/wait?channels=general&since=${w.cursor}&timeout=60`, { headers: jsonHeaders(w.session), agent: agents.waitAgent }),
  );
  await allParked(hubs.waitUrl, waiters.length, agents.postAgent, settleMs);
  const sentAt = process.hrtime.bigint();
  const post = send(`${hubs.postUrl}/api/v1/channels/general/messages`, { method: 'POST', headers: jsonHeaders(poster), body: samplePost(), agent: agents.postAgent });
  const [replies, posted] = await Promise.all([Promise.all(arrivals), post]);
  const id = expectJson<{ message: { id: string } }>(posted, 201, 'post').message.id;
  return replies.map((reply, i) => delivered(reply, waiters[i]!, id, sentAt));
}

/**
 * Resolves once the hub holds every wait: /healthz counts pending waits, and a wait is counted only
 * once the hub has begun it, which (its store calls being synchronous) means it is asleep on the
 * bus. On PostgreSQL a counted wait may still be on its first read; it then finds the post by that
 * read, and its time still runs from the send. A hub without the count gets a fixed pause instead.
 */
async function allParked(url: string, count: number, agent: Agent, settleMs: number): Promise<void> {
  for (let attempt = 0; attempt < 5000; attempt++) {
    const health = expectJson<{ waiting?: number }>(await send(`${url}/healthz`, { agent }), 200, 'healthz');
    if (health.waiting === undefined) return void (await sleep(settleMs));
    if (health.waiting >= count) return;
    await sleep(1);
  }
  throw new Error(`the hub never held all ${count} waits`);
}

function delivered(reply: Reply, waiter: Waiter, id: string, sentAt: bigint): number {
  const body = expectJson<WaitReply>(reply, 200, 'wait');
  if (body.timed_out || !body.messages.some((m) => m.id === id)) throw new Error(`waiter ${waiter.session} did not receive ${id}`);
  waiter.cursor = body.next_cursor;
  return msBetween(sentAt, reply.endedAt);
}

/** Per post, the first and the last of its deliveries: how the 50 answers spread out. */
interface PerPost {
  first: Distribution;
  last: Distribution;
}

function figuresOf(latencies: number[], perPost: PerPost, options: WaitOptions): Figure[] {
  const d = distribution(latencies);
  const base = {
    unit: 'ms',
    samples: d.samples,
    sampleKind: 'deliveries',
    detail: {
      waiters: options.waiters,
      posts: options.rounds,
      ...roundAll(d),
      first_delivery_per_post: roundAll(perPost.first),
      last_delivery_per_post: roundAll(perPost.last),
    },
  };
  return [
    { ...base, id: 'wait_delivery_p50', label: `post-to-wait delivery p50, ${options.waiters} waiters`, value: round(d.p50, 2) },
    {
      ...base,
      id: 'wait_delivery_p99',
      label: `post-to-wait delivery p99, ${options.waiters} waiters`,
      value: round(d.p99, 2),
      target: { op: '<=', value: 10 },
      note: `p50 ${round(d.p50, 2)} ms, max ${round(d.max, 2)} ms; per post first ${round(perPost.first.p50, 2)}, last ${round(perPost.last.p50, 2)} ms (p50)`,
    },
  ];
}

const roundAll = (d: Distribution) =>
  Object.fromEntries(Object.entries(d).map(([k, v]) => [k === 'samples' ? k : `${k}_ms`, k === 'samples' ? v : round(v, 3)]));
