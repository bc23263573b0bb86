import { describe, expect, it } from 'vitest';
import type { HubClient } from '../../src/client/hub-client.js';
import { HubClientError } from '../../src/client/client-error.js';
import { startCluster } from './support/cluster.js';

const HANDOFFS = 1000;
const CLAIMERS = 64;
/** Claimers start in a few groups at the same place in the list, so many race for each handoff at once. */
const GROUPS = 4;

describe('several nodes on one database: claims', () => {
  it('64 claimers spread over 3 nodes race for 1,000 handoffs: each is claimed exactly once, with one claim message', async () => {
    const cluster = await startCluster(3);
    const lead = await cluster.client(0, 'lead');
    const ids: string[] = [];
    for (let batch = 0; batch < HANDOFFS / 50; batch++) {
      const made = await Promise.all(Array.from({ length: 50 }, (_, i) => lead.handoff({ task: `h-${batch * 50 + i}` })));
      ids.push(...made.map((m) => m.task.id));
    }
    const claimers = await Promise.all(Array.from({ length: CLAIMERS }, (_, i) => cluster.client(i % 3, `claimer-${i}`)));
    const seen = new Set<string>();
    const wins = new Map<string, string[]>();
    let refused = 0;
    const race = async (claimer: HubClient, index: number) => {
      const start = Math.floor(((index % GROUPS) * HANDOFFS) / GROUPS);
      for (let k = 0; k < HANDOFFS; k++) {
        const id = ids[(start + k) % HANDOFFS]!;
        if (seen.has(id)) continue;
        try {
          await claimer.claim(id, 600);
          wins.set(id, [...(wins.get(id) ?? []), claimer.session!]);
        } catch (error) {
          if (!(error instanceof HubClientError) || error.status !== 409) throw error;
          refused++;
        }
        seen.add(id);
      }
    };
    await Promise.all(claimers.map(race));

    expect(wins.size).toBe(HANDOFFS);
    expect([...wins.values()].filter((w) => w.length !== 1)).toEqual([]);
    // The race was real: many attempts lost to a claim made through another request, often another node.
    expect(refused).toBeGreaterThan(HANDOFFS / 2);
    // What the nodes now read back (each handoff through one of the three): claimed once (claim number 1), by the winner.
    const readers = await Promise.all([0, 1, 2].map((node) => cluster.client(node, `reader-${node}`)));
    for (let at = 0; at < HANDOFFS; at += 50) {
      const tasks = await Promise.all(ids.slice(at, at + 50).map((id, i) => readers[i % 3]!.task(id)));
      for (const task of tasks) expect([task.state, task.claim, task.holder_id]).toEqual(['claimed', 1, wins.get(task.id)![0]]);
    }
    const claimMessages = await replies(lead, 'handoffs');
    expect(claimMessages.size).toBe(HANDOFFS);
    expect([...claimMessages.values()].filter((n) => n !== 1)).toEqual([]);
  }, 240_000);
});

/** How many replies each thread of a channel has, read page by page from the start. */
async function replies(client: HubClient, channel: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  let since = '0';
  for (;;) {
    const page = await client.read(channel, { limit: 200, since });
    for (const m of page.messages) if (m.reply_to) counts.set(m.thread_id, (counts.get(m.thread_id) ?? 0) + 1);
    if (page.messages.length === 0) return counts;
    since = page.next_cursor;
  }
}
