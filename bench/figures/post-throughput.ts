import autocannon from 'autocannon';
import { startHub } from '../support/hub-process.js';
import { expectJson, jsonHeaders, registerSession, send } from '../support/http.js';
import type { Figure } from '../support/figure.js';
import { samplePost } from '../support/sample-message.js';
import { median, round } from '../support/stats.js';

export interface ThroughputOptions {
  connections: number;
  trials: number;
  trialSeconds: number;
  warmupSeconds: number;
  nodeArgs?: string[];
}

interface Trial {
  rate: number;
  ok: number;
  failed: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
}

/**
 * Posts per second over HTTP: `connections` clients post to general as fast as the hub answers,
 * for a few timed trials after a warm-up. Every post must be stored: the head cursor is checked.
 */
export async function measurePostThroughput(options: ThroughputOptions): Promise<Figure> {
  const hub = await startHub({ ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) });
  try {
    return await measurePostRate([hub.url], options);
  } finally {
    await hub.stop();
  }
}

/**
 * The same load against hubs sharing one log (nodes on one database): the clients are spread evenly
 * over `urls`, and every post acknowledged by any of them must be in the one log.
 */
export async function measurePostRate(urls: readonly string[], options: ThroughputOptions): Promise<Figure> {
  const session = await registerSession(urls[0]!, 'bench-poster');
  const targets = urls.map((url) => `${url}/api/v1/channels/general/messages`);
  const warmup = await postFor(targets, session, options.connections, options.warmupSeconds);
  const trials: Trial[] = [];
  for (let i = 0; i < options.trials; i++) trials.push(await postFor(targets, session, options.connections, options.trialSeconds));
  const runs = [warmup, ...trials];
  const answered = runs.reduce((sum, t) => sum + t.ok, 0);
  const stored = await headOf(urls[0]!, session);
  // A run ends with up to one post per connection in flight: stored but never answered.
  if (stored < answered || stored > answered + runs.length * options.connections) {
    throw new Error(`the hub answered ${answered} posts with 201 but stored ${stored}`);
  }
  const rates = trials.map((t) => t.rate);
  return {
    id: 'posts_per_second',
    label: `posts/s over HTTP, ${options.connections} clients`,
    value: round(median(rates), 0),
    unit: 'posts/s',
    target: { op: '>=', value: 5000 },
    samples: trials.length,
    sampleKind: `${options.trialSeconds}s trials`,
    note: `trials ${rates.map((r) => Math.round(r)).join(' / ')}; request p99 ${round(median(trials.map((t) => t.latencyP99Ms)), 1)} ms`,
    detail: { connections: options.connections, hubs: urls.length, trial_seconds: options.trialSeconds, trials, stored_messages: stored },
  };
}

/**
 * One timed run: an autocannon per target, all at once, sharing the connections. Any failed post
 * makes the figure invalid rather than flattering. Latencies are the slowest target's.
 */
async function postFor(targets: readonly string[], session: string, connections: number, seconds: number): Promise<Trial> {
  const shares = evenShares(connections, targets.length);
  const results = await Promise.all(
    targets.map((url, i) => autocannon({ url, method: 'POST', headers: jsonHeaders(session), body: samplePost(), connections: shares[i]!, duration: seconds })),
  );
  const failed = results.reduce((sum, r) => sum + r.non2xx + r.errors, 0);
  if (failed > 0) throw new Error(`${failed} of the posts failed (${results.map((r) => `non-2xx ${r.non2xx}, errors ${r.errors}`).join('; ')})`);
  return {
    rate: results.reduce((sum, r) => sum + r['2xx'] / r.duration, 0),
    ok: results.reduce((sum, r) => sum + r['2xx'], 0),
    failed,
    latencyP50Ms: Math.max(...results.map((r) => r.latency.p50)),
    latencyP99Ms: Math.max(...results.map((r) => r.latency.p99)),
  };
}

/** `total` split into `parts` whole shares that differ by at most one. */
const evenShares = (total: number, parts: number): number[] => Array.from({ length: parts }, (_, i) => Math.floor(total / parts) + (i < total % parts ? 1 : 0));

/** The hub's head cursor: the number of messages it holds, since only this run posts. */
async function headOf(url: string, session: string): Promise<number> {
  const reply = await send(`${url}/api/v1/channels/general/messages?limit=1`, { headers: jsonHeaders(session) });
  return Number(expectJson<{ next_cursor: string }>(reply, 200, 'read head').next_cursor);
}
