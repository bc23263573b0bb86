import { beforeAll, describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { fails, ok, okJson, personAt, type CliEnv } from './cli-process.js';
import { makeToken } from '../support/tokens.js';

describe('baton handoff, claim, complete and the other task commands', () => {
  let hub: HubProcess;
  let alice: CliEnv;
  let bob: CliEnv;
  let carol: CliEnv;
  beforeAll(async () => {
    hub = await startHubProcess();
    alice = personAt(hub.url, { BATON_NAME: 'alice' });
    bob = personAt(hub.url, { BATON_NAME: 'bob' });
    carol = personAt(hub.url, { BATON_NAME: 'carol' });
  });

  it('handoff → claim → complete with --json: the hub answer of each step', async () => {
    const created = await okJson(
      ['handoff', 'Review API', '--context', 'http://docs/a.md', '--context', 'http://docs/b.md', '--scope', 'v1 only', '--next-step', 'read', '--next-step', 'comment', '--priority', 'high', '--label', 'reviewer'],
      alice,
    );
    expect(created).toMatchObject({
      success: true,
      task: { kind: 'handoff', state: 'open', task: 'Review API', context: ['http://docs/a.md', 'http://docs/b.md'], scope: 'v1 only', next_steps: ['read', 'comment'], priority: 'high', labels: ['reviewer'] },
      message: { channel: 'handoffs', title: '🔄 Handoff: Review API' },
    });
    const id = created.task.id as string;
    const claimed = await okJson(['claim', id, '--lease', '600'], bob);
    expect(claimed.task).toMatchObject({ state: 'claimed', holder: 'bob' });
    await fails(['claim', id], carol, new RegExp(`^baton: already claimed by bob \\(s-[0-9a-z]+\\) at `));
    const done = await okJson(['complete', id, '--result', 'looks good', '--link', 'http://docs/review.md', '--claim', String(claimed.task.claim)], bob);
    expect(done.task).toMatchObject({ state: 'completed', result: 'looks good', result_links: ['http://docs/review.md'] });
    expect(done.messages.map((m: { channel: string; title: string }) => `${m.channel} ${m.title}`)).toEqual(['general ✅ Complete: Review API', 'handoffs ✅ Complete: Review API']);
    expect((await okJson(['task', id], carol)).task.state).toBe('completed');
  });

  it('readable output: created, claimed with claim number and lease, what was posted, the task list and one task', async () => {
    const created = await ok(['handoff', 'Write docs', '--label', 'writer'], alice);
    const id = /^created handoff (m-[0-9a-z]+) \(open\) in #handoffs {2}http:\/\/\S+\/m\/m-[0-9a-z]+\n$/.exec(created)?.[1];
    expect(id).toBeDefined();
    const listed = await ok(['tasks', '--state', 'open', '--label', 'writer'], bob);
    expect(listed).toMatch(new RegExp(`^${id}  open  handoff  Write docs  +\\[writer\\]$`, 'm'));
    const claimed = await ok(['claim', id!], bob);
    expect(claimed).toMatch(new RegExp(`^claimed ${id}: Write docs  \\(claim \\d+, lease until (\\d{4}-\\d\\d-\\d\\d )?\\d\\d:\\d\\d\\)\\n  posted m-[0-9a-z]+ to #handoffs: ✋ Claimed: Write docs\\n$`));
    expect(await ok(['tasks', '--mine'], bob)).toMatch(new RegExp(`^${id}  claimed +handoff  Write docs +bob \\(s-[0-9a-z]+\\) claim \\d+ until `, 'm'));
    const shown = await ok(['task', id!], carol);
    expect(shown).toMatch(new RegExp(`^${id}  handoff  claimed  Write docs\\nholder    bob \\(s-[0-9a-z]+\\) claim \\d+`));
    expect(shown).toContain('labels    writer');
    const completed = await ok(['complete', id!, '--result', 'written'], bob);
    expect(completed).toMatch(new RegExp(`^completed ${id}: Write docs\\n  posted m-[0-9a-z]+ to #general: ✅ Complete: Write docs\\n  posted m-[0-9a-z]+ to #handoffs: ✅ Complete: Write docs\\n$`));
  });

  it('release, fail, ack and resolve; completing a task you do not hold fails with one line', async () => {
    const id = (await okJson(['handoff', 'Flaky job'], alice)).task.id as string;
    await ok(['claim', id], bob);
    await fails(['complete', id], carol, /you do not hold/);
    expect((await okJson(['release', id, '--reason', 'busy'], bob)).task).toMatchObject({ state: 'open', reason: 'busy' });
    await ok(['claim', id], carol);
    const failed = await okJson(['fail', id, '--reason', 'no access'], carol);
    expect(failed.task.state).toBe('failed');
    const alert = await okJson(['alert', 'Disk full', '--severity', 'critical'], alice);
    expect(alert.task).toMatchObject({ kind: 'alert', severity: 'critical', channel: 'alerts' });
    expect((await okJson(['ack', alert.task.id], bob)).task).toMatchObject({ state: 'acknowledged', holder: 'bob' });
    expect(await ok(['resolve', alert.task.id, '--result', 'cleaned'], bob)).toMatch(new RegExp(`^resolved ${alert.task.id}: Disk full\\n`));
  });

  it("cancel and reassign with an agent's token fail with a clear reason", async () => {
    const agent = { ...alice, BATON_TOKEN: await makeToken(alice.BATON_URL!, 'agent'), BATON_NAME: 'agent-alice' };
    const id = (await okJson(['handoff', 'Arbitrate'], agent)).task.id as string;
    await fails(['cancel', id], agent, /task\.cancel needs the coordinator role/);
    const bobId = (await okJson(['whoami'], bob)).session.id as string;
    await fails(['reassign', id, bobId], agent, /task\.reassign needs the coordinator role/);
    expect((await okJson(['task', id], carol)).task.state).toBe('open');
  });
});
