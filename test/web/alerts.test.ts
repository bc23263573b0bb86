import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { makeToken } from '../support/tokens.js';
import { openDashboard, screenshot } from './support/browser.js';
import { startTeam } from './support/team.js';

const WAIT = { timeout: 10_000 };

/** An alert's card, in one section of the page. */
const cardIn = (page: Page, section: string, id: string): Locator => page.getByTestId(`section-${section}`).locator(`[data-testid="task-card"][data-task-id="${id}"]`);

const idsIn = (page: Page, section: string): Promise<(string | null)[]> =>
  page.getByTestId(`section-${section}`).getByTestId('task-card').evaluateAll((cards) => cards.map((card) => card.getAttribute('data-task-id')));

describe('alerts', () => {
  it('acknowledges an alert from the page as the person, which a waiting agent sees, then resolves it', async () => {
    const { hub, person, agent } = await startTeam('watcher-1');
    const id = (await agent.call('collab_tasks', { operation: 'create', kind: 'alert', task: 'Disk full on the build box', severity: 'critical' })).task.id;
    const { page, problems } = await openDashboard(hub.url, '/alerts', { token: person });
    const open = cardIn(page, 'open', id);
    await open.waitFor();
    expect(await open.locator('.alert-severity').textContent()).toBe('critical');

    // The hub answers an acknowledgement with a `✋ Investigating` reply in the alert's thread.
    const waited = agent.call('collab_channels', { operation: 'wait', channel_name: 'alerts', title: '^✋ Investigating', timeout: 20 });
    await open.getByRole('button', { name: 'Acknowledge' }).click();
    const { messages, timed_out } = await waited;
    expect(timed_out).toBe(false);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ title: '✋ Investigating', sender: 'coordinator-default', thread_id: id });

    const users = (await agent.call('collab_directory', { operation: 'list_users' })).users as { id: string; kind: string }[];
    const personId = users.find((u) => u.kind === 'human')!.id;
    expect((await agent.call('collab_tasks', { operation: 'get', task_id: id })).task).toMatchObject({ state: 'acknowledged', holder: 'coordinator-default', holder_id: personId });
    const acknowledged = cardIn(page, 'acknowledged', id);
    await acknowledged.waitFor(WAIT);
    expect(await acknowledged.getByRole('link', { name: 'coordinator-default' }).getAttribute('href')).toBe(`/sessions/${personId}`);
    expect(await acknowledged.getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);

    await acknowledged.getByRole('button', { name: 'Resolve' }).click();
    await acknowledged.getByLabel('What was done (optional)').fill('Freed **20 GB** of old builds');
    await acknowledged.getByRole('button', { name: 'Resolve alert' }).click();
    const resolved = cardIn(page, 'resolved', id);
    await resolved.waitFor(WAIT);
    expect(await resolved.locator('.board-result strong').textContent()).toBe('20 GB');
    expect(await resolved.getByRole('button').count()).toBe(0);
    expect((await agent.call('collab_tasks', { operation: 'get', task_id: id })).task).toMatchObject({ state: 'resolved', result: 'Freed **20 GB** of old builds', result_by: personId });
    expect(problems).toEqual([]);
  });

  it('offers the buttons to agents and coordinators, and none to a viewer', async () => {
    const { hub, agent } = await startTeam('watcher-1');
    const open = (await agent.call('collab_tasks', { operation: 'create', kind: 'alert', task: 'Queue backing up' })).task.id;
    const acked = (await agent.call('collab_tasks', { operation: 'create', kind: 'alert', task: 'Slow search' })).task.id;
    await agent.call('collab_tasks', { operation: 'ack', task_id: acked });

    const viewer = await openDashboard(hub.url, '/alerts', { token: await makeToken(hub.url, 'viewer') });
    await cardIn(viewer.page, 'open', open).waitFor();
    await cardIn(viewer.page, 'acknowledged', acked).waitFor();
    expect(await viewer.page.locator('main').getByRole('button').count()).toBe(0);
    expect(viewer.problems).toEqual([]);

    const member = await openDashboard(hub.url, '/alerts', { token: await makeToken(hub.url, 'agent') });
    await cardIn(member.page, 'open', open).getByRole('button', { name: 'Acknowledge' }).waitFor();
    expect(await cardIn(member.page, 'open', open).getByRole('button', { name: 'Resolve' }).count()).toBe(1);
    expect(await cardIn(member.page, 'acknowledged', acked).getByRole('button', { name: 'Acknowledge' }).count()).toBe(0);
    expect(await cardIn(member.page, 'acknowledged', acked).getByRole('button', { name: 'Resolve' }).count()).toBe(1);
    expect(member.problems).toEqual([]);
  });

  it('puts an alert nobody acknowledged first, marked escalated, as the hub escalates it', async () => {
    const { hub, person, agent } = await startTeam('watcher-1', ['--escalate-after', '2']);
    const flaky = (await agent.call('collab_tasks', { operation: 'create', kind: 'alert', task: 'Flaky test in CI', severity: 'low' })).task.id;
    const { page, problems } = await openDashboard(hub.url, '/alerts', { token: person });
    const card = cardIn(page, 'open', flaky);
    await card.waitFor();
    expect(await page.getByTestId('open-alerts').getAttribute('class')).not.toContain('hot');

    // The sweeper runs every second and escalates what has waited longer than --escalate-after.
    await card.getByTestId('escalated').waitFor(WAIT);
    await expect.poll(() => page.getByTestId('open-alerts').getAttribute('class'), WAIT).toContain('hot');
    const border = await card.evaluate((el) => getComputedStyle(el).borderTopColor);
    expect(border).toBe('rgb(198, 40, 40)');

    // A critical alert raised now is worse, but the escalated one stays first until this one escalates too.
    const outage = (await agent.call('collab_tasks', { operation: 'create', kind: 'alert', task: 'API returns 500s', severity: 'critical', labels: ['oncall'] })).task.id;
    await expect.poll(() => idsIn(page, 'open'), WAIT).toEqual([flaky, outage]);
    const acked = (await agent.call('collab_tasks', { operation: 'create', kind: 'alert', task: 'Backups are slow', severity: 'medium' })).task.id;
    await agent.call('collab_tasks', { operation: 'ack', task_id: acked });
    const fixed = (await agent.call('collab_tasks', { operation: 'create', kind: 'alert', task: 'Certificate expires soon', severity: 'high' })).task.id;
    await agent.call('collab_tasks', { operation: 'resolve', task_id: fixed, result: 'Renewed until **next year**' });
    await cardIn(page, 'resolved', fixed).waitFor(WAIT);
    await cardIn(page, 'acknowledged', acked).waitFor(WAIT);
    await screenshot(page, 'alerts');
    expect(problems).toEqual([]);

    const phone = await openDashboard(hub.url, '/alerts', { token: person, viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    await cardIn(phone.page, 'open', flaky).getByTestId('escalated').waitFor();
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(phone.problems).toEqual([]);
  });
});
