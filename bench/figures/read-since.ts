import { randomInt } from 'node:crypto';
import { join } from 'node:path';
import { messageId } from '../../src/core/ids.js';
import { openDirect, seedStore, type Seeded } from '../support/direct-store.js';
import type { Figure } from '../support/figure.js';
import { startHub } from '../support/hub-process.js';
import { expectJson, jsonHeaders, keepAliveAgent, registerSession, send } from '../support/http.js';
import { scratchDir } from '../support/paths.js';
import { SAMPLE_BODY, SAMPLE_TITLE } from '../support/sample-message.js';
import { distribution, msBetween, round } from '../support/stats.js';

export interface ReadOptions {
  /** Messages in the channel before the hub starts. */
  messages: number;
  reads: number;
  warmupReads: number;
  limit: number;
  nodeArgs?: string[];
}

const CHANNEL = 'bench-read';
const FILL_BATCH = 50_000;

/**
 * `read since` on a channel holding many messages: the store is filled directly (large
 * transactions, before the hub starts), then the hub answers one read at a time from a random
 * cursor. Each read must return exactly the `limit` messages that follow the cursor.
 */
export async function measureReadSince(options: ReadOptions): Promise<Figure> {
  const scratch = scratchDir('baton-bench-read-');
  try {
    const file = join(scratch.dir, 'hub.db');
    const fillStart = performance.now();
    fill(file, await seedStore(file, CHANNEL), options.messages);
    const fillSeconds = (performance.now() - fillStart) / 1000;
    const hub = await startHub({ dataDir: scratch.dir, ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) });
    try {
      const latencies = await readMany(hub.url, options);
      return figureOf(latencies, options, fillSeconds);
    } finally {
      await hub.stop();
    }
  } finally {
    scratch.remove();
  }
}

/** Appends `count` messages to the channel, in large transactions; seq runs 1..count. */
function fill(file: string, seeded: Seeded, count: number): void {
  const db = openDirect(file);
  try {
    const insert = db.prepare(
      'INSERT INTO messages (channel_id, title, body, author_id, created_at, reply_to, thread_id) VALUES (?, ?, ?, ?, ?, NULL, NULL)',
    );
    const batch = db.transaction((from: number, to: number) => {
      const at = Date.now();
      for (let i = from; i < to; i++) insert.run(seeded.channelId, `${SAMPLE_TITLE} ${i}`, SAMPLE_BODY, seeded.sessionId, at);
    });
    for (let from = 0; from < count; from += FILL_BATCH) batch(from, Math.min(count, from + FILL_BATCH));
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
}

async function readMany(url: string, options: ReadOptions): Promise<number[]> {
  const session = await registerSession(url, 'bench-reader');
  const agent = keepAliveAgent();
  const latencies: number[] = [];
  for (let i = 0; i < options.warmupReads + options.reads; i++) {
    const since = randomInt(0, options.messages - options.limit + 1);
    const sentAt = process.hrtime.bigint();
    const reply = await send(`${url}/api/v1/channels/${CHANNEL}/messages?since=${since}&limit=${options.limit}`, { headers: jsonHeaders(session), agent });
    const body = expectJson<{ messages: { id: string }[] }>(reply, 200, 'read since');
    if (body.messages.length !== options.limit || body.messages[0]?.id !== messageId(since + 1)) {
      throw new Error(`read since ${since} returned ${body.messages.length} messages starting at ${body.messages[0]?.id}`);
    }
    if (i >= options.warmupReads) latencies.push(msBetween(sentAt, reply.endedAt));
  }
  agent.destroy();
  return latencies;
}

function figureOf(latencies: number[], options: ReadOptions, fillSeconds: number): Figure {
  const d = distribution(latencies);
  return {
    id: 'read_since_p99',
    label: `read since, ${options.messages.toLocaleString('en-US')} messages, limit ${options.limit}, p99`,
    value: round(d.p99, 2),
    unit: 'ms',
    target: { op: '<=', value: 5 },
    samples: d.samples,
    sampleKind: 'reads',
    note: `p50 ${round(d.p50, 2)} ms, max ${round(d.max, 2)} ms; filled in ${round(fillSeconds, 1)} s`,
    detail: {
      messages: options.messages,
      limit: options.limit,
      fill_seconds: round(fillSeconds, 2),
      p50_ms: round(d.p50, 3),
      p99_ms: round(d.p99, 3),
      max_ms: round(d.max, 3),
      mean_ms: round(d.mean, 3),
    },
  };
}
