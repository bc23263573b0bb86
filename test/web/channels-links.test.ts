import type { Locator } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDashboard } from './support/browser.js';
import { startTeam } from './support/team.js';

type Marked = Window & { __marker?: string };

/** Whether the element is on screen inside the list that scrolls it. */
const inView = (item: Locator): Promise<boolean> =>
  item.evaluate((el) => {
    const box = el.getBoundingClientRect();
    const list = el.closest('.channels-scroll')!.getBoundingClientRect();
    return box.top >= list.top - 1 && box.top < list.bottom && box.height > 0;
  });

describe('channels view: web_urls', () => {
  it('opens a message web_url at that message, even one older than the latest messages', async () => {
    const team = await startTeam();
    const post = (title: string, message?: string) =>
      team.agent.call('collab_channels', { operation: 'post', channel_name: 'general', title, ...(message ? { message } : {}) });
    const old = await post('🚀 Starting: the migration', 'first of many');
    for (let i = 1; i <= 120; i++) await post(`step ${i}`);
    await post('📢 Where it began', `See [the start](${old.web_url}) for the plan.`);

    // The hub's own redirect (/m/<id> → /c/general?since=…#<id>) lands on it, highlighted and in view.
    const { page, problems } = await openDashboard(team.hub.url, new URL(old.web_url).pathname, { token: team.person });
    const target = page.getByTestId('messages').locator(`[id="${old.id}"]`);
    await expect.poll(() => target.getAttribute('aria-current')).toBe('true');
    expect(await target.getAttribute('class')).toContain('highlight');
    await expect.poll(() => inView(target)).toBe(true);
    expect(new URL(page.url()).hash).toBe(`#${old.id}`);
    // The window runs forward from it; newer messages are one press away.
    await page.getByRole('button', { name: 'Show newer messages' }).click();
    await page.getByTestId('messages').getByText('📢 Where it began').waitFor();

    // In the latest messages, a link to that web_url is followed inside the app: no reload.
    await page.getByRole('link', { name: 'Jump to the latest' }).click();
    await expect.poll(() => page.getByTestId('messages').locator(`[id="${old.id}"]`).count()).toBe(0);
    await page.evaluate(() => ((window as Marked).__marker = 'same page'));
    await page.getByTestId('messages').getByRole('link', { name: 'the start' }).click();
    await expect.poll(() => page.getByTestId('messages').locator(`[id="${old.id}"]`).getAttribute('aria-current')).toBe('true');
    await expect.poll(() => inView(page.getByTestId('messages').locator(`[id="${old.id}"]`))).toBe(true);
    expect(new URL(page.url()).pathname).toBe('/c/general');
    expect(await page.evaluate(() => (window as Marked).__marker)).toBe('same page');
    expect(problems).toEqual([]);
  });

  it("opens a reply's web_url in its thread", async () => {
    const team = await startTeam();
    const post = (title: string, message: string, reply_to?: string) =>
      team.agent.call('collab_channels', { operation: 'post', channel_name: 'handoffs', title, message, ...(reply_to ? { reply_to } : {}) });
    const root = await post('Plan for the exporter', 'three steps');
    await post('', 'step one is done', root.id);
    const reply = await post('', 'step two needs a review', root.id);
    await post('', 'step three waits', root.id);

    const { page, problems } = await openDashboard(team.hub.url, new URL(reply.web_url).pathname, { token: team.person });
    const thread = page.getByTestId('thread');
    const linked = thread.locator(`[id="thread-${reply.id}"]`);
    await expect.poll(() => linked.getAttribute('aria-current')).toBe('true');
    expect(await linked.textContent()).toContain('step two needs a review');
    await expect.poll(() => inView(linked)).toBe(true);
    expect(await thread.getByTestId('message').count()).toBe(4);
    expect(new URL(page.url()).searchParams.get('thread')).toBe(root.id);
    expect(new URL(page.url()).pathname).toBe('/c/handoffs');

    // The same link followed inside the app (/m/<id>) opens the thread too.
    await page.getByRole('button', { name: 'Close thread' }).click();
    await thread.waitFor({ state: 'detached' });
    await page.evaluate((path) => {
      history.pushState(null, '', path);
      dispatchEvent(new PopStateEvent('popstate'));
    }, new URL(reply.web_url).pathname);
    await expect.poll(() => page.getByTestId('thread').locator(`[id="thread-${reply.id}"]`).getAttribute('aria-current')).toBe('true');
    expect(new URL(page.url()).searchParams.get('thread')).toBe(root.id);
    expect(problems).toEqual([]);
  });
});
