import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { connect } from '../support/mcp-client.js';
import { makeToken } from '../support/tokens.js';
import { openDashboard, screenshot } from './support/browser.js';
import { startTeam } from './support/team.js';

const WAIT = { timeout: 10_000 };

/** A task's card, in one column of the board. */
const cardIn = (page: Page, column: string, id: string): Locator => page.getByTestId(`column-${column}`).locator(`[data-testid="task-card"][data-task-id="${id}"]`);

const countOf = (page: Page, column: string): Promise<string | null> => page.getByTestId(`column-${column}`).locator('h2 .count').textContent();

/** "4:59" as seconds. */
async function leaseSeconds(card: Locator): Promise<number> {
  const [minutes, seconds] = (await card.getByTestId('lease').locator('time').textContent())!.split(':').map(Number);
  return minutes! * 60 + seconds!;
}

/** A mark left in the page: still there later means the page was never loaded again. */
const mark = (page: Page) => page.evaluate(() => ((window as unknown as { mark: number }).mark = 42));
const marked = (page: Page) => page.evaluate(() => (window as unknown as { mark?: number }).mark);

describe('handoffs board', () => {
  it('moves a card as an agent claims, completes and fails it over MCP, without a reload', async () => {
    const { hub, person, agent } = await startTeam('builder-1');
    const parser = (await agent.call('collab_tasks', { operation: 'create', task: 'Review the parser', priority: 'urgent', labels: ['reviewer'] })).task.id;
    const cli = (await agent.call('collab_tasks', { operation: 'create', task: 'Port the CLI' })).task.id;
    const { page, problems } = await openDashboard(hub.url, '/handoffs', { token: person });
    await cardIn(page, 'open', parser).waitFor();
    expect(await cardIn(page, 'open', parser).textContent()).toContain('urgent');
    expect(await countOf(page, 'open')).toBe('2');
    await mark(page);

    await agent.call('collab_tasks', { operation: 'claim', task_id: parser, lease_seconds: 300 });
    const claimed = cardIn(page, 'claimed', parser);
    await claimed.waitFor(WAIT);
    expect(await claimed.getAttribute('data-state')).toBe('claimed');
    expect(await claimed.getByRole('link', { name: 'builder-1' }).getAttribute('href')).toMatch(/^\/sessions\/s-/);
    const first = await leaseSeconds(claimed);
    expect(first).toBeGreaterThan(290);
    await expect.poll(() => leaseSeconds(claimed), WAIT).toBeLessThan(first);
    expect(await cardIn(page, 'open', parser).count()).toBe(0);

    await agent.call('collab_tasks', { operation: 'complete', task_id: parser, result: 'Parser **reviewed**: two fixes', links: [`${hub.url}/d/d-report`] });
    const completed = cardIn(page, 'completed', parser);
    await completed.waitFor(WAIT);
    expect(await completed.locator('.board-result strong').textContent()).toBe('reviewed');
    expect(await completed.getByRole('link', { name: '/d/d-report' }).getAttribute('href')).toBe('/d/d-report');
    expect(await completed.getByTestId('lease').count()).toBe(0);

    await agent.call('collab_tasks', { operation: 'claim', task_id: cli });
    await cardIn(page, 'claimed', cli).waitFor(WAIT);
    await agent.call('collab_tasks', { operation: 'fail', task_id: cli, reason: 'The build is broken on main' });
    const failed = cardIn(page, 'failed', cli);
    await failed.waitFor(WAIT);
    expect(await failed.locator('.board-reason').textContent()).toBe('The build is broken on main');
    expect([await countOf(page, 'open'), await countOf(page, 'claimed'), await countOf(page, 'completed'), await countOf(page, 'failed')]).toEqual(['0', '0', '1', '1']);
    expect(await marked(page)).toBe(42);
    expect(problems).toEqual([]);
  });

  it('lets a coordinator reassign and cancel from the card, and shows those buttons to no one else', async () => {
    const { hub, person, agent } = await startTeam('builder-1');
    const reviewer = await connect(hub.url, 'reviewer-2');
    const reviewerId = (await reviewer.call('collab_directory', { operation: 'register', name: 'reviewer-2', client: 'claude-code' })).session.id;
    const changelog = (await agent.call('collab_tasks', { operation: 'create', task: 'Write the changelog' })).task.id;
    const port = (await agent.call('collab_tasks', { operation: 'create', task: 'Port the CLI' })).task.id;
    const { page, problems } = await openDashboard(hub.url, '/handoffs', { token: person });

    await cardIn(page, 'open', changelog).getByRole('button', { name: 'Reassign' }).click();
    await cardIn(page, 'open', changelog).getByLabel('Reassign to').selectOption(reviewerId);
    await cardIn(page, 'open', changelog).getByRole('button', { name: 'Hand over' }).click();
    const reassigned = cardIn(page, 'claimed', changelog);
    await reassigned.waitFor(WAIT);
    expect(await reassigned.getByRole('link', { name: 'reviewer-2' }).count()).toBe(1);
    expect((await reviewer.call('collab_tasks', { operation: 'get', task_id: changelog })).task).toMatchObject({ state: 'claimed', holder: 'reviewer-2', holder_id: reviewerId });

    await cardIn(page, 'open', port).getByRole('button', { name: 'Cancel' }).click();
    await cardIn(page, 'open', port).getByLabel('Why cancel it?').fill('Out of scope for v1');
    await cardIn(page, 'open', port).getByRole('button', { name: 'Cancel handoff' }).click();
    const cancelled = cardIn(page, 'failed', port);
    await cancelled.waitFor(WAIT);
    expect(await cancelled.getAttribute('data-state')).toBe('cancelled');
    expect(await cancelled.locator('.badge').textContent()).toBe('cancelled');
    expect(await cancelled.locator('.board-reason').textContent()).toBe('Out of scope for v1');
    expect((await agent.call('collab_tasks', { operation: 'get', task_id: port })).task).toMatchObject({ state: 'cancelled', reason: 'Out of scope for v1' });
    expect(problems).toEqual([]);

    for (const role of ['viewer', 'agent'] as const) {
      const other = await openDashboard(hub.url, '/handoffs', { token: await makeToken(hub.url, role) });
      await cardIn(other.page, 'claimed', changelog).waitFor();
      await cardIn(other.page, 'failed', port).waitFor();
      expect(await other.page.getByRole('button', { name: 'Reassign' }).count()).toBe(0);
      expect(await other.page.getByRole('button', { name: /^Cancel/ }).count()).toBe(0);
      expect(other.problems).toEqual([]);
    }
  });

  it('shows a refusal on the card when someone else changed the task first', async () => {
    const { hub, person, agent } = await startTeam('builder-1');
    const id = (await agent.call('collab_tasks', { operation: 'create', task: 'Tidy the logs' })).task.id;
    await agent.call('collab_tasks', { operation: 'claim', task_id: id });
    const { page, problems } = await openDashboard(hub.url, '/handoffs', { token: person });
    await cardIn(page, 'claimed', id).getByRole('button', { name: 'Cancel' }).click();
    await cardIn(page, 'claimed', id).getByLabel('Why cancel it?').fill('Not needed');
    // The agent finishes the work between the click and the hub receiving the cancel: a real race, in a fixed order.
    await page.route('**/api/v1/tasks/*/cancel', async (route) => {
      await agent.call('collab_tasks', { operation: 'complete', task_id: id, result: 'Tidied' });
      await route.continue();
    });
    await cardIn(page, 'claimed', id).getByRole('button', { name: 'Cancel handoff' }).click();
    const note = cardIn(page, 'completed', id).getByRole('alert');
    await note.waitFor(WAIT);
    expect(await note.textContent()).toMatch(/is completed .*cannot cancel it/);
    await cardIn(page, 'completed', id).getByRole('button', { name: 'Dismiss' }).click();
    expect(await cardIn(page, 'completed', id).getByRole('alert').count()).toBe(0);
    expect((await agent.call('collab_tasks', { operation: 'get', task_id: id })).task.state).toBe('completed');
    // The browser logs every refused request; the refusal itself is what the card showed.
    expect(problems).toEqual(['console error: Failed to load resource: the server responded with a status of 409 (Conflict)']);
  });

  it('shows every column in light and dark, and stacks foldable columns on a phone', async () => {
    const { hub, person, agent } = await startTeam('builder-1');
    const create = async (task: string, extra: Record<string, unknown> = {}): Promise<string> => (await agent.call('collab_tasks', { operation: 'create', task, ...extra })).task.id;
    await create('Review the parser', { priority: 'urgent', labels: ['reviewer', 'parser'], context: [`${hub.url}/d/d-spec`], scope: 'Only the tokenizer' });
    await create('Document the wait API', { priority: 'low' });
    const claimed = await create('Port the CLI to the new client', { priority: 'high', labels: ['coder'] });
    await agent.call('collab_tasks', { operation: 'claim', task_id: claimed, lease_seconds: 900 });
    const done = await create('Write the changelog');
    await agent.call('collab_tasks', { operation: 'claim', task_id: done });
    await agent.call('collab_tasks', { operation: 'complete', task_id: done, result: 'Changelog written, **12 entries**', links: [`${hub.url}/d/d-changelog`] });
    const failed = await create('Upgrade the database driver');
    await agent.call('collab_tasks', { operation: 'claim', task_id: failed });
    await agent.call('collab_tasks', { operation: 'fail', task_id: failed, reason: 'The new driver needs Node 22' });
    await agent.call('collab_tasks', { operation: 'cancel', task_id: await create('Rewrite in Rust'), reason: 'Not this year' });

    for (const colorScheme of ['light', 'dark'] as const) {
      const { page, problems } = await openDashboard(hub.url, '/handoffs', { token: person, colorScheme });
      await cardIn(page, 'failed', failed).waitFor();
      expect([await countOf(page, 'open'), await countOf(page, 'claimed'), await countOf(page, 'completed'), await countOf(page, 'failed')]).toEqual(['2', '1', '1', '2']);
      await screenshot(page, colorScheme === 'light' ? 'board' : 'board-dark');
      expect(problems).toEqual([]);
    }

    const { page, problems } = await openDashboard(hub.url, '/handoffs', { token: person, viewport: { width: 390, height: 844 } });
    await cardIn(page, 'claimed', claimed).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const boxes = await Promise.all(['open', 'claimed'].map((c) => page.getByTestId(`column-${c}`).boundingBox()));
    expect(boxes[1]!.y).toBeGreaterThan(boxes[0]!.y + boxes[0]!.height - 1);
    await screenshot(page, 'board-narrow');
    const fold = page.getByTestId('column-claimed').getByRole('button', { name: /Claimed/ });
    await fold.click();
    expect(await fold.getAttribute('aria-expanded')).toBe('false');
    expect(await cardIn(page, 'claimed', claimed).isVisible()).toBe(false);
    await fold.press('Enter');
    expect(await cardIn(page, 'claimed', claimed).isVisible()).toBe(true);
    expect(problems).toEqual([]);
  });

  it('never runs what agents write in names, labels, links, results and reasons', async () => {
    const { hub, person, agent } = await startTeam('builder-1');
    const XSS = `<img src=x onerror="window.__xss=1"><script>window.__xss=1</script><svg onload="window.__xss=1"></svg>`;
    const hostile = { task: `Fix ${XSS}`, labels: [`<iframe src="javascript:window.__xss=1"></iframe>`], context: ['javascript:window.__xss=1', XSS], scope: XSS };
    await agent.call('collab_tasks', { operation: 'create', ...hostile });
    const done = (await agent.call('collab_tasks', { operation: 'create', ...hostile })).task.id;
    await agent.call('collab_tasks', { operation: 'claim', task_id: done });
    await agent.call('collab_tasks', {
      operation: 'complete',
      task_id: done,
      result: `Done ${XSS} [click](javascript:window.__xss=1) <iframe srcdoc="<script>parent.__xss=1</script>"></iframe> <a href="#" onclick="window.__xss=1">x</a>`,
      links: ['javascript:window.__xss=1'],
    });
    const failed = (await agent.call('collab_tasks', { operation: 'create', ...hostile })).task.id;
    await agent.call('collab_tasks', { operation: 'claim', task_id: failed });
    await agent.call('collab_tasks', { operation: 'fail', task_id: failed, reason: XSS });
    await agent.call('collab_tasks', { operation: 'cancel', task_id: (await agent.call('collab_tasks', { operation: 'create', ...hostile })).task.id, reason: XSS });

    const { page, problems } = await openDashboard(hub.url, '/handoffs', { token: person });
    await cardIn(page, 'failed', failed).waitFor();
    expect(await cardIn(page, 'failed', failed).locator('.board-reason').textContent()).toBe(XSS);
    expect(await page.getByTestId('column-open').locator('h3').textContent()).toBe(hostile.task);
    await expectInert(page);
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.locator('[data-testid="task-card"]').filter({ hasText: 'Fix <img' }).waitFor();
    await expectInert(page);
    expect(problems).toEqual([]);
  });
});

/** Nothing an agent wrote became markup that runs. */
async function expectInert(page: Page): Promise<void> {
  const found = await page.evaluate(() => ({
    xss: (window as unknown as { __xss?: unknown }).__xss,
    elements: document.querySelectorAll('main script, main iframe, main svg, main object, main embed').length,
    handlers: [...document.querySelectorAll('main *')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => `${el.tagName} ${a.name}`)),
    scriptLinks: [...document.querySelectorAll('main a')].filter((a) => /^\s*javascript:/i.test(a.getAttribute('href') ?? '')).length,
  }));
  expect(found).toEqual({ xss: undefined, elements: 0, handlers: [], scriptLinks: 0 });
}
