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
    const session = await registerSession(hub.url, 'bench-poster');
    const target = `${hub.url}/api/v1/channels/general/messages`;
    const warmup = await postFor(target, session, options.connections, options.warmupSeconds);
    const trials: Trial[] = [];
    for (let i = 0; i < options.trials; i++) trials.push(await postFor(target, session, options.connections, options.trialSeconds));
    const runs = [warmup, ...trials];
    const answered = runs.reduce((sum, t) => sum + t.ok, 0);
    const stored = await headOf(hub.url, session);
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
      detail: { connections: options.connections, trial_seconds: options.trialSeconds, trials, stored_messages: stored },
    };
  } finally {
    await hub.stop();
  }
}

/** One autocannon run; any failed post makes the figure invalid rather than flattering. */
async function postFor(url: string, session: string, connections: number, seconds: number): Promise<Trial> {
  const result = await autocannon({ url, method: 'POST', headers: jsonHeaders(session), body: samplePost(), connections, duration: seconds });
  const failed = result.non2xx + result.errors;
  if (failed > 0) throw new Error(`${failed} of the posts failed (non-2xx ${result.non2xx}, errors ${result.errors})`);
  return {
    rate: result['2xx'] / result.duration,
    ok: result['2xx'],
    failed,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
  };
}

/** The hub's head cursor: the number of messages it holds, since only this run posts. */
async function headOf(url: string, session: string): Promise<number> {
  const reply = await send(`${url}/api/v1/channels/general/messages?limit=1`, { headers: jsonHeaders(session) });
  return Number(expectJson<{ next_cursor: string }>(reply, 200, 'read head').next_cursor);
}
