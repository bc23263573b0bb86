import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { McpClient } from '../support/mcp-client.js';
import { openDashboard, screenshot } from './support/browser.js';
import { startTeam } from './support/team.js';

const WAIT = { timeout: 10_000 };

const pathOf = (page: Page): string => new URL(page.url()).pathname;
const searchOf = (page: Page): string | null => new URL(page.url()).searchParams.get('q');

/** What the page says is found: the text of each hit's title, by group. */
const titles = (page: Page, group: 'messages' | 'documents'): Promise<string[]> =>
  page.getByTestId(`search-${group}`).locator('.search-hit-title').allTextContents();

async function post(agent: McpClient, channel: string, title: string, message: string): Promise<string> {
  const reply = await agent.call('collab_channels', { operation: 'post', channel_name: channel, title, message });
  expect(reply.success, JSON.stringify(reply)).toBe(true);
  return String(reply.id);
}

async function upload(agent: McpClient, folder: string, name: string, content: string): Promise<string> {
  const reply = await agent.call('collab_documents', { operation: 'upload', folder_path: folder, file_name: name, content });
  expect(reply.success, JSON.stringify(reply)).toBe(true);
  return String(reply.document.id);
}

const status = (page: Page): Promise<string | null> => page.getByTestId('search-status').textContent();

/** Anything in the app's part of the page that could run: script-bearing elements, handlers, javascript: links. */
const runnable = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll('main *')) {
      const tag = element.tagName.toLowerCase();
      if (['script', 'iframe', 'svg', 'object', 'embed', 'math'].includes(tag)) found.push(tag);
      for (const attribute of element.attributes) if (attribute.name.toLowerCase().startsWith('on')) found.push(`${tag}[${attribute.name}]`);
      for (const name of ['href', 'src', 'action']) if (/^\s*javascript:/i.test(element.getAttribute(name) ?? '')) found.push(`${tag}[${name}=javascript:]`);
    }
    return found;
  });

const xss = (page: Page): Promise<unknown> => page.evaluate(() => (window as unknown as { __xss?: unknown }).__xss);

describe('search view', () => {
  it('finds messages and documents with the words marked, searches as it is typed, and opens what it found', async () => {
    const { hub, person, agent } = await startTeam('builder-1');
    const starting = await post(agent, 'general', '🚀 Starting: quasar migration', 'Moving the cache first.');
    const review = await post(agent, 'handoffs', 'Review wanted', 'The **quasar** importer drops empty rows.');
    await post(agent, 'general', 'Lunch', 'Nothing to see here.');
    const runbook = await upload(agent, 'runbooks', 'quasar.md', '# Quasar\n\nThe quasar job runs nightly and retries twice.');

    const { page, problems } = await openDashboard(hub.url, '/', { token: person });
    await page.getByRole('searchbox', { name: 'Search messages and documents' }).fill('quasar');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/search?q=quasar');
    await expect.poll(() => titles(page, 'messages'), WAIT).toEqual(['started 🚀 Starting: quasar migration', 'Review wanted']);
    expect(await titles(page, 'documents')).toEqual(['runbooks/quasar.md']);
    expect(await status(page)).toBe('2 messages and 1 document found');

    // The matched word is a <mark> element, in the title or in the text around it.
    const hits = page.getByTestId('search-message');
    expect(await hits.nth(0).locator('.search-hit-title mark').allTextContents()).toEqual(['quasar']);
    expect(await hits.nth(1).locator('.search-snippet mark').allTextContents()).toEqual(['quasar']);
    expect(await hits.nth(1).locator('.search-snippet').textContent()).toContain('The **quasar** importer');
    expect(await hits.nth(1).textContent()).toContain('#handoffs');
    expect(await hits.nth(1).textContent()).toContain('builder-1');
    expect(await hits.nth(1).getByRole('link').getAttribute('href')).toBe(`/m/${review}`);
    const documentHit = page.getByTestId('search-document');
    expect(await documentHit.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['quasar']));
    expect(await documentHit.textContent()).toContain('version 1');
    expect(await documentHit.getByRole('link').getAttribute('href')).toBe(`/d/${runbook}`);
    await screenshot(page, 'search');

    // Typing searches once typing pauses, the last word as a prefix, and the URL follows.
    const box = page.getByTestId('search-input');
    await box.fill('nightl');
    await page.waitForURL('**/search?q=nightl');
    // The earlier answer stays (dimmed) until this one is in: wait for this one's count.
    await expect.poll(() => status(page), WAIT).toBe('0 messages and 1 document found');
    expect(await titles(page, 'documents')).toEqual(['runbooks/quasar.md']);
    expect(await page.getByTestId('search-messages').textContent()).toContain('No message matches.');
    expect(await page.getByTestId('search-document').locator('mark').allTextContents()).toEqual(['nightly']);
    await box.fill('nothing-like-this');
    await expect.poll(() => page.getByTestId('search-empty').textContent(), WAIT).toBe('No results for “nothing-like-this”.');
    expect(searchOf(page)).toBe('nothing-like-this');

    // Arrow keys go from the box through the results and back; Enter opens one.
    await box.fill('quasar');
    await page.waitForURL('**/search?q=quasar');
    await expect.poll(() => status(page), WAIT).toBe('2 messages and 1 document found');
    await box.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(`/m/${starting}`);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(`/d/${runbook}`);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-input');
    await box.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/d/${runbook}`);
    expect(pathOf(page)).toBe(`/d/${runbook}`);

    // Back on the results, the message hit opens its channel at that message.
    await page.goBack();
    await page.waitForURL('**/search?q=quasar');
    await page.getByTestId('search-message').filter({ hasText: 'Review wanted' }).getByRole('link').click();
    await page.locator(`[data-testid="message"]#${review}`).waitFor({ state: 'visible', ...WAIT });
    expect(pathOf(page)).toBe('/c/handoffs');
    expect(problems).toEqual([]);
  });

  it('says why the hub refused a search, and asks for words when there are none', async () => {
    const { hub, person } = await startTeam('builder-1');
    const { page, problems } = await openDashboard(hub.url, `/search?q=${'x'.repeat(201)}`, { token: person });
    await expect.poll(() => page.locator('main').getByRole('alert').textContent(), WAIT).toBe('q: must be at most 200 characters');
    const box = page.getByTestId('search-input');
    await box.fill('');
    await page.waitForURL((url) => url.pathname === '/search' && url.search === '');
    await expect.poll(() => page.locator('main').getByRole('alert').count(), WAIT).toBe(0);
    expect(await status(page)).toBe('');
    // The browser logs the refused request itself; nothing else may go wrong.
    expect(problems.filter((problem) => !/status of 400/.test(problem))).toEqual([]);
  });

  it('looks right in dark and on a narrow screen', async () => {
    const { hub, person, agent } = await startTeam('builder-1');
    await post(agent, 'general', '✅ Complete: quasar migration', 'Every **quasar** table moved; the old cache is gone.');
    await post(agent, 'alerts', '🚨 quasar importer down', 'It stopped at row 4,096 of the quasar export.');
    await upload(agent, 'runbooks', 'quasar.md', '# Quasar\n\nThe quasar job runs nightly and retries twice.');
    await upload(agent, 'notes', 'quasar-decisions.md', 'We keep quasar on the old schema until March.');
    const dark = await openDashboard(hub.url, '/search?q=quasar', { token: person, colorScheme: 'dark' });
    await expect.poll(() => dark.page.getByTestId('search-document').count(), WAIT).toBe(2);
    expect(await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe('rgb(21, 23, 27)');
    await screenshot(dark.page, 'search-dark');
    const narrow = await openDashboard(hub.url, '/search?q=quasar', { token: person, viewport: { width: 390, height: 844 } });
    await expect.poll(() => narrow.page.getByTestId('search-message').count(), WAIT).toBe(2);
    expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const messages = await narrow.page.getByTestId('search-messages').boundingBox();
    const documents = await narrow.page.getByTestId('search-documents').boundingBox();
    expect(documents!.y).toBeGreaterThan(messages!.y + messages!.height - 1);
    await screenshot(narrow.page, 'search-narrow');
    expect([...dark.problems, ...narrow.problems]).toEqual([]);
  });
});

describe('search and sessions views with hostile text', () => {
  const HANDLER = 'window.__xss=1';
  const BODY = [
    'zebracorn body',
    `<script>${HANDLER}</script>`,
    `<iframe src="javascript:${HANDLER}"></iframe>`,
    `<svg onload="${HANDLER}"><circle r="5"/></svg>`,
    `<img src="data:," onerror="${HANDLER}">`,
    `<a href="javascript:${HANDLER}" onclick="${HANDLER}">zebracorn link</a>`,
    `[zebracorn md link](javascript:${HANDLER})`,
    `<div onmouseover="${HANDLER}">zebracorn hover</div>`,
    '«zebracorn» </mark><b onclick="x">',
  ].join('\n\n');
  const NAME = `<img src=x onerror="${HANDLER}">`;
  const TITLE = `zebracorn </mark><img src=x onerror="${HANDLER}"> «ok»`;
  const DOCUMENT = `<svg onload="${HANDLER}">.md`;

  /** An agent with a hostile name posts a hostile message and uploads a hostile document. */
  async function hostileTeam() {
    const team = await startTeam(NAME);
    const message = await post(team.agent, 'general', TITLE, BODY);
    await upload(team.agent, 'zebracorn <b>', DOCUMENT, BODY);
    return { ...team, message };
  }

  it('search shows names, titles, paths and contents, and the query itself, as text', async () => {
    const { hub, person, message } = await hostileTeam();
    const { page, problems } = await openDashboard(hub.url, '/search?q=zebracorn', { token: person });
    await expect.poll(() => page.getByTestId('search-message').count(), WAIT).toBe(1);
    await page.getByTestId('search-document').waitFor();
    const hit = page.getByTestId('search-message');
    expect(await hit.getAttribute('data-message')).toBe(message);
    expect(await hit.textContent()).toContain('</mark><img src=x');
    expect(await hit.textContent()).toContain(NAME);
    expect(await page.getByTestId('search-document').textContent()).toContain(`zebracorn <b>/${DOCUMENT}`);
    expect(await page.getByTestId('search-document').textContent()).toContain('<script>');
    expect(await page.locator('main mark').count()).toBeGreaterThan(1);
    expect(await page.locator('main img, main b').count()).toBe(0);
    expect(await runnable(page)).toEqual([]);

    // The query itself, straight from the address bar.
    const query = '<img src=x onerror=alert(1)>';
    await page.goto(new URL(`/search?q=${encodeURIComponent(query)}`, hub.url).href);
    await expect.poll(() => page.getByTestId('search-empty').textContent(), WAIT).toBe(`No results for “${query}”.`);
    expect(await page.getByTestId('search-input').inputValue()).toBe(query);
    expect(await page.locator('main img').count()).toBe(0);
    expect(await runnable(page)).toEqual([]);
    expect(await xss(page)).toBeUndefined();
    expect(problems).toEqual([]);
  });

  it('sessions shows the name in the list and the message beside it, its markdown sanitized', async () => {
    const { hub, person, agentId } = await hostileTeam();
    const { page, problems } = await openDashboard(hub.url, '/sessions', { token: person });
    const row = page.locator(`[data-testid="session-row"][data-session="${agentId}"]`);
    await row.waitFor(WAIT);
    expect(await row.locator('.sessions-name').textContent()).toBe(NAME);
    expect(await runnable(page)).toEqual([]);
    expect(problems).toEqual([]);
    await row.locator('.sessions-name').click();
    const detail = page.getByTestId('session-detail');
    await detail.getByTestId('session-message').waitFor(WAIT);
    expect(await detail.locator('.sessions-detail-name').textContent()).toContain(NAME);
    expect(await detail.locator('.sessions-message-title').textContent()).toBe(TITLE);
    expect(await detail.locator('.md').textContent()).toContain('zebracorn hover');
    await detail.getByText('zebracorn hover').hover();
    await detail.getByText('zebracorn link').first().click();
    expect(await runnable(page)).toEqual([]);
    expect(await xss(page)).toBeUndefined();
    expect(problems).toEqual([]);
  });
});
