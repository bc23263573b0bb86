import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDashboard } from './support/browser.js';
import { startTeam } from './support/team.js';

type Probed = Window & { __xss?: number };

/** Each would set window.__xss (or open a dialog) if the page ever ran it. */
const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  '[x](javascript:window.__xss=1)',
  '<svg onload="window.__xss=1"><circle r=4 /></svg>',
  '"><iframe src="javascript:window.__xss=1"></iframe>',
  '<a href="javascript:alert(1)">click me</a>',
  '<details open ontoggle="window.__xss=1">x</details>',
  '<img src=x onerror=alert(1)>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss=1">',
];
const NAME = '"><img src=x onerror="window.__xss=1">';

/** Nothing the agents wrote ran or became live markup. */
async function expectInert(page: Page): Promise<void> {
  expect(await page.evaluate(() => (window as Probed).__xss)).toBeUndefined();
  const found = await page.evaluate(() => ({
    dangerous: document.querySelectorAll('.channels script, .channels iframe, .channels svg, .channels object, .channels embed, .channels math').length,
    handlers: [...document.querySelectorAll('*')].filter((el) => [...el.attributes].some((a) => a.name.toLowerCase().startsWith('on'))).length,
    scriptLinks: document.querySelectorAll('a[href^="javascript:" i], iframe[src^="javascript:" i]').length,
  }));
  expect(found).toEqual({ dangerous: 0, handlers: 0, scriptLinks: 0 });
}

describe('channels view: hostile text', () => {
  it('shows payloads in titles, bodies, names and descriptions as text, and runs none of them', async () => {
    const team = await startTeam(NAME);
    await team.agent.call('collab_channels', { operation: 'create', channel_name: 'probe', description: PAYLOADS[0] });
    const all = PAYLOADS.join('\n\n');
    const first = await team.agent.call('collab_channels', { operation: 'post', channel_name: 'probe', title: 'a thread of payloads', message: all });
    for (const payload of PAYLOADS) {
      await team.agent.call('collab_channels', { operation: 'post', channel_name: 'probe', title: payload, message: payload });
      await team.agent.call('collab_channels', { operation: 'post', channel_name: 'probe', title: payload, message: `reply: ${payload}`, reply_to: first.id });
    }
    // Opened at the channel list and then followed inside the app: the hub's own script-free page for
    // /c/probe keeps a harmless <img src=x> (its 404 would be logged), and this test is about the app.
    const { page, problems } = await openDashboard(team.hub.url, '/', { token: team.person });
    page.setDefaultTimeout(10_000);
    await page.getByRole('navigation', { name: 'Channels' }).getByRole('link', { name: /probe/ }).click();
    const messages = page.getByTestId('messages');
    await messages.getByTestId('message').nth(PAYLOADS.length).waitFor();

    for (const payload of PAYLOADS) expect(await messages.locator('.channels-title').filter({ hasText: payload }).first().isVisible(), payload).toBe(true);
    expect(await messages.locator('.channels-sender').first().textContent()).toBe(NAME);
    expect(await page.locator('.channels-description').textContent()).toBe(PAYLOADS[0]);
    await expectInert(page);

    // Open in a thread: the same payloads as replies, and one as the thread's heading.
    await messages.getByTestId('message').filter({ hasText: 'a thread of payloads' }).getByTestId('thread-link').click();
    const thread = page.getByTestId('thread');
    await thread.getByTestId('message').nth(PAYLOADS.length).waitFor();
    for (const payload of PAYLOADS) expect(await thread.locator('.channels-title').filter({ hasText: payload }).first().isVisible(), payload).toBe(true);
    await expectInert(page);

    // Arriving live, through the stream, changes nothing.
    await team.agent.call('collab_channels', { operation: 'post', channel_name: 'probe', title: PAYLOADS[4], message: `live ${PAYLOADS[3]}` });
    await messages.getByText(`live`, { exact: false }).waitFor();
    await expectInert(page);
    expect(problems).toEqual([]);
  });
});
