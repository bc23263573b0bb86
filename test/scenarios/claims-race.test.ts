import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { connect } from '../support/mcp-client.js';
import { claimersOver, type Attempt, type Claimer } from './support/claims-claimers.js';
import { api, registerSession } from './support/claims-rest.js';

const CLAIMERS = 64;
const HANDOFFS = 1000;
/** Claimers that race for each handoff: groups of eight, half over HTTP and half over MCP. */
const CONTENDERS = 8;
const GROUPS = CLAIMERS / CONTENDERS;

/**
 * The claim race at scale against a real hub process: 64 claimers, 32 over HTTP with their own
 * sessions and 32 over MCP each on its own connection, race for 1,000 handoffs. A claim is a
 * guarantee: one winner per handoff, every loser told who won, one completion per handoff.
 */
describe('64 concurrent claimers', () => {
  let hub: HubProcess;
  let coordinator: string;
  let claimers: Claimer[];
  beforeAll(async () => {
    // One admin token drives all 64 claimers: the race is about claims, not the rate limit.
    hub = await startHubProcess({ args: ['--rate-limit', '0'] });
    coordinator = await registerSession(hub.url, 'race-coordinator');
    claimers = await claimersOver(hub.url, CLAIMERS, connect);
  }, 120_000);

  /** Claimer c races for the handoffs j with j ≡ c (mod GROUPS), in the same order as its rivals. */
  const rivalsFor = (handoffs: string[], c: number) => handoffs.filter((_, j) => j % GROUPS === c % GROUPS);

  async function race(handoffs: string[], attempt: (claimer: Claimer, id: string) => Promise<Attempt>) {
    const attempts = new Map<string, { claimer: Claimer; result: Attempt }[]>(handoffs.map((id) => [id, []]));
    await Promise.all(
      claimers.map(async (claimer, c) => {
        for (const id of rivalsFor(handoffs, c)) attempts.get(id)!.push({ claimer, result: await attempt(claimer, id) });
      }),
    );
    return attempts;
  }

  /** Exactly one winner per handoff, and each loser was told who won, by name and id. */
  function winnersOf(attempts: Map<string, { claimer: Claimer; result: Attempt }[]>): Map<string, { claimer: Claimer; claim?: number }> {
    const winners = new Map<string, { claimer: Claimer; claim?: number }>();
    for (const [id, tries] of attempts) {
      expect(tries).toHaveLength(CONTENDERS);
      const won = tries.filter((t) => t.result.won);
      expect(won, `winners of ${id}`).toHaveLength(1);
      const winner = won[0]!;
      winners.set(id, { claimer: winner.claimer, ...(winner.result.claim !== undefined ? { claim: winner.result.claim } : {}) });
      for (const lost of tries.filter((t) => !t.result.won)) {
        expect(lost.result.error).toMatch(new RegExp(`^already claimed by ${winner.claimer.name} \\(${winner.claimer.id}\\) at \\d{4}-\\d\\d-\\d\\dT`));
      }
    }
    return winners;
  }

  /** Every rival tries to complete; only the winner can, and only once. */
  async function completeAll(handoffs: string[], winners: Map<string, { claimer: Claimer; claim?: number }>) {
    const completions = await race(handoffs, (claimer, id) => {
      const winner = winners.get(id)!;
      return claimer.complete(id, `done by ${claimer.name}`, winner.claimer === claimer ? winner.claim : undefined);
    });
    for (const [id, tries] of completions) {
      const done = tries.filter((t) => t.result.won);
      expect(done.map((t) => t.claimer.id), `completions of ${id}`).toEqual([winners.get(id)!.claimer.id]);
      for (const refused of tries.filter((t) => !t.result.won)) expect(refused.result.error).toMatch(/^(you do not hold|'m-[0-9a-z]+' is completed \(.*\): cannot complete it)/);
    }
  }

  /** The hub's own record: each handoff completed by its winner, and one `✅ Complete` in general each. */
  async function expectCompletedOnce(handoffs: string[], names: Map<string, string>, winners: Map<string, { claimer: Claimer }>) {
    for (const id of handoffs) {
      const { task } = await api(hub.url, coordinator, 'GET', `/tasks/${id}`).then((r) => r.json(200));
      expect(task).toMatchObject({ state: 'completed', holder_id: winners.get(id)!.claimer.id });
    }
    const titles = new Map<string, number>();
    let since = '0';
    for (;;) {
      const page = await api(hub.url, coordinator, 'GET', `/channels/general/messages?since=${since}&limit=200`).then((r) => r.json(200));
      for (const m of page.messages as { title: string }[]) titles.set(m.title, (titles.get(m.title) ?? 0) + 1);
      if (page.messages.length === 0) break;
      since = page.next_cursor;
    }
    for (const id of handoffs) expect(titles.get(`✅ Complete: ${names.get(id)}`), `completions of ${id} in general`).toBe(1);
  }

  async function createHandoffs(prefix: string, create: (name: string) => Promise<string>): Promise<Map<string, string>> {
    const names = new Map<string, string>();
    for (let i = 0; i < HANDOFFS; i += 50) {
      const batch = Array.from({ length: Math.min(50, HANDOFFS - i) }, (_, k) => `${prefix} ${i + k}`);
      const ids = await Promise.all(batch.map(create));
      ids.forEach((id, k) => names.set(id, batch[k]!));
    }
    return names;
  }

  it('every one of 1,000 handoffs is claimed exactly once and completed exactly once by its winner', async () => {
    const names = await createHandoffs('Race', async (name) => {
      const reply = await api(hub.url, coordinator, 'POST', '/tasks', { kind: 'handoff', task: name, scope: 'race', labels: ['worker'] });
      return (await reply.json(201)).task.id as string;
    });
    const handoffs = [...names.keys()];
    const winners = winnersOf(await race(handoffs, (claimer, id) => claimer.claim(id)));
    expect(new Set([...winners.values()].map((w) => w.claimer.transport))).toEqual(new Set(['http', 'mcp']));
    await completeAll(handoffs, winners);
    await expectCompletedOnce(handoffs, names, winners);
  }, 600_000);

  it('the ✋ Claimed reply form races the same way: one claim per handoff, the rest refused with who holds it', async () => {
    const names = await createHandoffs('Reply race', async (name) => {
      const reply = await api(hub.url, coordinator, 'POST', '/channels/handoffs/messages', { title: `🔄 Handoff: ${name}`, body: '**Scope:** reply race' });
      return (await reply.json(201)).message.id as string;
    });
    const handoffs = [...names.keys()];
    const attempts = await race(handoffs, (claimer, id) => claimer.claimByReply(id));
    const winners = winnersOf(attempts);
    const claimedReplies = await api(hub.url, coordinator, 'GET', `/channels/handoffs/messages?thread=${handoffs[0]}`).then((r) => r.json(200));
    expect(claimedReplies.messages.filter((m: { title: string }) => m.title.startsWith('✋ Claimed'))).toHaveLength(1);
    await completeAll(handoffs, winners);
    await expectCompletedOnce(handoffs, names, winners);
  }, 600_000);
});
