import { mkdirSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { HubClient } from '../../src/client/hub-client.js';
import { distribution } from '../../bench/support/stats.js';
import { startCluster, type Cluster } from './support/cluster.js';

/** Resolves once the node holds this many waits open, read from its health answer. */
async function waitsParked(url: string, count: number): Promise<void> {
  for (;;) {
    const health = (await (await fetch(`${url}/healthz`)).json()) as { waiting: number };
    if (health.waiting >= count) return;
    await new Promise((r) => setImmediate(r));
  }
}

describe('several nodes on one database: delivery', () => {
  let cluster: Cluster;

  it('a waiter on one node is woken by posts made on the other two (every post, p50/p99 reported)', async () => {
    cluster = await startCluster(3);
    const waiter = await cluster.client(0, 'waiter');
    const posters = [await cluster.client(1, 'poster-1'), await cluster.client(2, 'poster-2')];
    let since = (await waiter.read('general', { limit: 1 })).next_cursor;
    const delays: number[] = [];
    for (let i = 0; i < 200; i++) {
      const waiting = waiter.wait(['general'], { since, timeout: 30 });
      await waitsParked(cluster.nodes[0]!.url, 1);
      const started = performance.now();
      const posted = await posters[i % 2]!.post('general', { title: `from node ${(i % 2) + 2}: ${i}` });
      const woken = await waiting;
      delays.push(performance.now() - started);
      expect(woken.timed_out).toBe(false);
      expect(woken.messages.map((m) => m.id)).toEqual([posted.message.id]);
      since = woken.next_cursor;
    }
    const { samples, p50, p99, max } = distribution(delays);
    const report = { posts: samples, p50_ms: p50, p99_ms: p99, max_ms: max };
    mkdirSync('test-results', { recursive: true });
    writeFileSync('test-results/cluster-delivery.json', `${JSON.stringify(report, null, 2)}\n`);
    console.log(`cross-node delivery, post on another node → waiter woken: ${JSON.stringify(report)}`);
  }, 120_000);

  it('a reader following cursors on one node while all three nodes write never misses or repeats a message', async () => {
    const writers = await Promise.all([0, 1, 2].flatMap((node) => [0, 1].map((k) => cluster.client(node, `writer-${node}-${k}`))));
    const reader = await cluster.client(1, 'cursor-reader');
    const start = (await reader.read('general', { limit: 1 })).next_cursor;
    const PER_WRITER = 150;
    const written = new Set<string>();
    let writing = true;
    const writes = Promise.all(
      writers.map(async (writer, w) => {
        for (let n = 0; n < PER_WRITER; n++) written.add((await writer.post('general', { title: `w${w}-${n}` })).message.id);
      }),
    ).finally(() => (writing = false));
    const seen: string[] = [];
    let since = start;
    const follow = async (client: HubClient) => {
      for (;;) {
        const finished = !writing;
        const page = await client.read('general', { since, limit: 37 });
        seen.push(...page.messages.map((m) => m.id));
        since = page.next_cursor;
        if (finished && page.messages.length === 0) return;
      }
    };
    await Promise.all([writes, follow(reader)]);
    expect(seen).toHaveLength(writers.length * PER_WRITER);
    expect(new Set(seen).size).toBe(seen.length);
    expect(new Set(seen)).toEqual(written);
    // Positions only go up along the cursor.
    const positions = seen.map((id) => parseInt(id.slice(2), 36));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  }, 120_000);
});
