import { beforeAll, describe, expect, it } from 'vitest';
import { authedFetch } from '../support/hub-tokens.js';
import { makeToken } from '../support/tokens.js';
import { browser, openDashboard, screenshot, signedIn } from './support/browser.js';
import { startTeam, type Team } from './support/team.js';

describe('dashboard shell: log in, counts, workspaces, theme, keyboard', () => {
  let team: Team;
  beforeAll(async () => {
    team = await startTeam();
  });

  it('logs the person in as a human session and keeps the counts in sight, live', async () => {
    await team.agent.call('collab_tasks', { operation: 'create', task: 'Review the parser' });
    const { page, problems } = await openDashboard(team.hub.url, '/', { token: team.person });
    await expect.poll(() => page.getByTestId('open-handoffs').textContent()).toBe('1');
    expect(await page.getByTestId('open-alerts').textContent()).toBe('0');
    const sessions = await team.agent.call('collab_directory', { operation: 'list_users' });
    const person = sessions.users.find((u: { kind: string }) => u.kind === 'human');
    expect(person).toMatchObject({ name: 'coordinator-default', client: 'dashboard' });
    await team.agent.call('collab_tasks', { operation: 'create', kind: 'alert', task: 'Disk nearly full' });
    await expect.poll(() => page.getByTestId('open-alerts').textContent()).toBe('1');
    await screenshot(page, 'shell');
    expect(problems).toEqual([]);
  });

  it('a browser without the cookie goes through the login form and lands where it was going', async () => {
    const context = await (await browser()).newContext();
    const page = await context.newPage();
    await page.goto(`${team.hub.url}/handoffs`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.getByLabel('Token').fill(team.person);
    await page.getByRole('button', { name: 'Log in' }).click();
    await signedIn(page);
    expect(new URL(page.url()).pathname).toBe('/handoffs');
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.waitForURL(/\/login$/);
    expect((await context.cookies()).some((c) => c.name === 'baton_token')).toBe(false);
    await context.close();
  });

  it('the same person comes back as the same session on a later visit', async () => {
    const first = await openDashboard(team.hub.url, '/', { token: team.person });
    const id = await first.page.locator('.top .me').getAttribute('title');
    await first.page.reload();
    await signedIn(first.page);
    expect(await first.page.locator('.top .me').getAttribute('title')).toBe(id);
  });

  it('the workspace switcher shows what the token may see and loads the chosen workspace', async () => {
    const created = await authedFetch(`${team.hub.url}/api/v1/workspaces`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: 'research' }) });
    expect(created.status).toBe(201);
    const admin = await openDashboard(team.hub.url, '/', { token: team.hub.token! });
    const switcher = admin.page.getByTestId('workspace');
    await expect.poll(() => switcher.locator('option').allTextContents()).toEqual(['default', 'research']);
    await switcher.selectOption('research');
    await admin.page.waitForURL(/\/w\/research\/$/);
    await signedIn(admin.page);
    await expect.poll(() => admin.page.getByTestId('open-handoffs').textContent()).toBe('0');
    const onlyDefault = await openDashboard(team.hub.url, '/', { token: await makeToken(team.hub.url, 'viewer') });
    expect(await onlyDefault.page.getByTestId('workspace').evaluate((e) => e.tagName)).toBe('SPAN');
    expect(await onlyDefault.page.getByTestId('workspace').textContent()).toBe('default');
    expect([...admin.problems, ...onlyDefault.problems]).toEqual([]);
  });

  it('light and dark: the system scheme by default, and the switch keeps the choice', async () => {
    const { page } = await openDashboard(team.hub.url, '/', { token: team.person, colorScheme: 'dark' });
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(await background()).toBe('rgb(21, 23, 27)');
    await page.getByRole('button', { name: /auto/ }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
    expect(await background()).toBe('rgb(251, 251, 250)');
    await page.reload();
    await signedIn(page);
    expect(await background()).toBe('rgb(251, 251, 250)');
  });

  it('keyboard: a skip link first, then the views; / jumps to search', async () => {
    const { page } = await openDashboard(team.hub.url, '/', { token: team.person });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    const focused: string[] = [];
    for (let i = 0; i < 5; i++) {
      focused.push(await page.evaluate(() => document.activeElement?.getAttribute('href') ?? ''));
      await page.keyboard.press('Tab');
    }
    expect(focused).toEqual(['/', '/handoffs', '/alerts', '/docs', '/sessions']);
    await page.locator('main').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-box');
  });

  it('the header search keeps what is typed while live counts redraw the header', async () => {
    const { page, problems } = await openDashboard(team.hub.url, '/', { token: team.person });
    const box = page.getByRole('searchbox', { name: 'Search messages and documents' });
    await expect.poll(() => page.getByTestId('open-alerts').textContent()).toMatch(/^\d+$/);
    const before = Number(await page.getByTestId('open-alerts').textContent());
    await box.fill('parser');
    await team.agent.call('collab_tasks', { operation: 'create', kind: 'alert', task: 'Queue backing up' });
    await expect.poll(() => page.getByTestId('open-alerts').textContent()).toBe(String(before + 1));
    expect(await box.inputValue()).toBe('parser');
    await box.press('Enter');
    await page.waitForURL('**/search?q=parser');
    expect(await box.inputValue()).toBe('parser');
    expect(problems).toEqual([]);
  });

  it('a narrow screen wraps the header without sideways scrolling', async () => {
    const { page } = await openDashboard(team.hub.url, '/', { token: team.person, viewport: { width: 390, height: 844 } });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expect.poll(() => page.getByTestId('open-handoffs').isVisible()).toBe(true);
    await screenshot(page, 'shell-narrow');
  });
});
