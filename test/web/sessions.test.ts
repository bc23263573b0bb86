import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connect } from '../support/mcp-client.js';
import { openDashboard, screenshot } from './support/browser.js';
import { startTeam } from './support/team.js';

const WAIT = { timeout: 10_000 };

const rowOf = (page: Page, sessionId: string): Locator => page.locator(`[data-testid="session-row"][data-session="${sessionId}"]`);
const recentTitles = (page: Page): Promise<string[]> =>
  page.getByTestId('session-detail').locator('[data-testid="session-message"] .sessions-message-title').allTextContents();

/** A mark left in the page: still there later means the page was never loaded again. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { mark: number }).mark = 42));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { mark?: number }).mark);

describe('sessions view', () => {
  it('lists agents and the person by presence with what they hold, and follows an agent as it posts', async () => {
    const { hub, person, agent: builder, agentId: builderId } = await startTeam('builder-1');
    const reviewer = await connect(hub.url, 'reviewer-2');
    const registered = await reviewer.call('collab_directory', { operation: 'register', name: 'reviewer-2', client: 'codex', role: 'reviewer' });
    const reviewerId = String(registered.session.id);
    const parser = (await builder.call('collab_tasks', { operation: 'create', task: 'Review the parser' })).task.id as string;
    await reviewer.call('collab_tasks', { operation: 'claim', task_id: parser });
    await builder.call('collab_channels', { operation: 'post', channel_name: 'general', title: '🚀 Starting: lexer', message: 'Tokens **first**.' });
    await builder.call('collab_channels', { operation: 'post', channel_name: 'alerts', title: '⚠️ Flaky lexer test', message: 'Retried twice.' });

    const { page, problems } = await openDashboard(hub.url, '/sessions', { token: person });
    const rows = page.getByTestId('session-row');
    await expect.poll(() => rows.count(), WAIT).toBe(3);
    expect(await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-presence')))).toEqual(['online', 'online', 'online']);
    expect(await page.locator('.sessions-group-title').allTextContents()).toEqual(['Online 3']);

    // The person is a session of kind human, told apart from the agents.
    const personRow = rows.filter({ hasText: 'coordinator-default' });
    expect(await personRow.locator('.sessions-kind').textContent()).toBe('person');
    expect(await personRow.textContent()).toContain('dashboard');
    const reviewerRow = rowOf(page, reviewerId);
    expect(await reviewerRow.locator('.sessions-kind').textContent()).toBe('agent');
    expect(await reviewerRow.textContent()).toContain('codex');
    expect(await reviewerRow.textContent()).toContain('reviewer');
    expect(await reviewerRow.locator('.sessions-id').textContent()).toBe(reviewerId);

    // The reviewer holds the claimed handoff, and its link opens the handoff's message.
    const hold = reviewerRow.getByTestId('session-hold');
    expect(await hold.textContent()).toBe('handoff claimed Review the parser');
    expect(await hold.getAttribute('href')).toBe(`/m/${parser}`);
    expect(await rowOf(page, builderId).getByTestId('session-hold').count()).toBe(0);
    expect(await rowOf(page, builderId).textContent()).toContain('holds nothing');
    await screenshot(page, 'sessions');
    await mark(page);

    await rowOf(page, builderId).getByRole('link', { name: 'builder-1' }).click();
    await page.waitForURL(`**/sessions/${builderId}`);
    const detail = page.getByTestId('session-detail');
    await detail.getByRole('heading', { name: /builder-1/ }).waitFor();
    expect(await rowOf(page, builderId).getByRole('link', { name: 'builder-1' }).getAttribute('aria-current')).toBe('page');
    expect(await detail.getByTestId('session-presence').textContent()).toBe('online');
    // Newest first, every channel; the handoff carries its task state.
    await expect
      .poll(() => recentTitles(page), WAIT)
      .toEqual(['warning ⚠️ Flaky lexer test', 'started 🚀 Starting: lexer', 'handoff 🔄 Handoff: Review the parser']);
    const messages = detail.getByTestId('session-message');
    expect(await messages.nth(1).locator('.md strong').textContent()).toBe('first');
    expect(await messages.nth(1).getAttribute('class')).toContain('kind-start');
    expect(await messages.nth(2).locator('.sessions-task').textContent()).toBe('handoff claimed');
    expect(await messages.nth(2).locator('.sessions-message-title').getAttribute('href')).toBe(`/m/${parser}`);

    const done = await builder.call('collab_channels', { operation: 'post', channel_name: 'general', title: '✅ Complete: lexer', message: 'All green.' });
    await expect.poll(() => recentTitles(page), WAIT).toEqual([
      'done ✅ Complete: lexer',
      'warning ⚠️ Flaky lexer test',
      'started 🚀 Starting: lexer',
      'handoff 🔄 Handoff: Review the parser',
    ]);
    expect(await messages.first().locator('.sessions-message-title').getAttribute('href')).toBe(`/m/${done.id}`);
    // Another session's post is not the builder's: by the time the builder's next one shows, it has not come in.
    await reviewer.call('collab_channels', { operation: 'post', channel_name: 'general', title: 'Reviewing now' });
    await builder.call('collab_channels', { operation: 'post', channel_name: 'general', title: 'Next: the printer' });
    await expect.poll(async () => (await recentTitles(page))[0], WAIT).toBe('Next: the printer');
    expect(await recentTitles(page)).not.toContain('Reviewing now');
    await messages.nth(1).waitFor();
    await screenshot(page, 'sessions-detail');
    expect(await marked(page)).toBe(42);
    expect(problems).toEqual([]);
  });

  it('shows a session alone, full width, on a narrow screen, and goes back to the list', async () => {
    const { hub, person, agent, agentId } = await startTeam('builder-1');
    const failure = 'The `lexer` step fails:\n\n```\nexpected token, got EOF\n```';
    await agent.call('collab_channels', { operation: 'post', channel_name: 'alerts', title: '🚨 Build broken on main', message: failure });
    const { page, problems } = await openDashboard(hub.url, '/sessions', { token: person, viewport: { width: 390, height: 844 }, colorScheme: 'dark' });
    await screenshot(page, 'sessions-narrow');
    await rowOf(page, agentId).getByRole('link', { name: 'builder-1' }).click();
    const detail = page.getByTestId('session-detail');
    await detail.getByRole('heading', { name: /builder-1/ }).waitFor();
    expect(await page.locator('.sessions-list').isVisible()).toBe(false);
    expect((await detail.boundingBox())!.width).toBeGreaterThan(350);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await detail.getByTestId('session-message').waitFor();
    await screenshot(page, 'sessions-detail-narrow');
    await detail.getByRole('link', { name: '← All sessions' }).click();
    await rowOf(page, agentId).waitFor();
    expect(await detail.count()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('opens a session from its address, and says plainly when it does not exist', async () => {
    const { hub, person, agentId } = await startTeam('builder-1');
    const { page, problems } = await openDashboard(hub.url, `/sessions/${agentId}`, { token: person });
    await page.getByTestId('session-detail').getByRole('heading', { name: /builder-1/ }).waitFor(WAIT);
    expect(await rowOf(page, agentId).getByRole('link', { name: 'builder-1' }).getAttribute('aria-current')).toBe('page');
    expect(problems).toEqual([]);

    const missing = await openDashboard(hub.url, '/sessions/s-nobody', { token: person });
    await expect.poll(() => missing.page.getByTestId('session-detail').getByRole('alert').textContent(), WAIT).toBe("Session 's-nobody' not found");
    // The list beside it is still there.
    await rowOf(missing.page, agentId).waitFor();
    // The browser logs the API's 404 itself; nothing else may go wrong.
    expect(missing.problems.filter((problem) => !/status of 404/.test(problem))).toEqual([]);
  });
});
