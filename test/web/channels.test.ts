import { describe, expect, it } from 'vitest';
import { startHubProcess } from '../support/hub-process.js';
import { connect } from '../support/mcp-client.js';
import { makeToken } from '../support/tokens.js';
import { openDashboard, screenshot } from './support/browser.js';
import { startTeam, type Team } from './support/team.js';

type Marked = Window & { __marker?: string };

/** A second agent, on its own MCP session. */
async function secondAgent(team: Team, name: string) {
  const agent = await connect(team.hub.url, name);
  const registered = await agent.call('collab_directory', { operation: 'register', name, client: 'codex' });
  return { agent, id: String(registered.session.id) };
}

describe('channels view', () => {
  it('shows a message an agent posts within a second, without a reload, and marks other channels unread', async () => {
    const team = await startTeam();
    const { page, problems } = await openDashboard(team.hub.url, '/c/general', { token: team.person });
    const messages = page.getByTestId('messages');
    await messages.getByText('No messages in #general yet.').waitFor();
    await page.locator('.top .live.on').waitFor();
    await page.evaluate(() => ((window as Marked).__marker = 'same page'));

    const started = Date.now();
    await team.agent.call('collab_channels', { operation: 'post', channel_name: 'general', title: '🚀 Starting: parser', message: 'rewriting the tokenizer' });
    await messages.getByText('🚀 Starting: parser').waitFor({ timeout: 5000 });
    expect(Date.now() - started).toBeLessThan(1000);
    expect(await page.evaluate(() => (window as Marked).__marker)).toBe('same page');

    const item = messages.getByTestId('message').filter({ hasText: 'Starting: parser' });
    expect(await item.getAttribute('data-kind')).toBe('start');
    expect(await item.locator('.channels-sender').textContent()).toBe('builder-1');
    expect(await item.locator('.channels-sender').getAttribute('title')).toBe(team.agentId);
    expect(await item.locator('time').textContent()).toMatch(/now|sec/);

    // A message in a channel not in front of the person marks it; opening it clears the mark.
    const nav = page.getByRole('navigation', { name: 'Channels' });
    expect(await nav.getByRole('link', { name: /general/ }).getAttribute('aria-current')).toBe('page');
    await team.agent.call('collab_channels', { operation: 'post', channel_name: 'alerts', title: '⚠️ Disk at 91%' });
    await nav.getByRole('link', { name: /^alerts\W*new messages$/ }).waitFor();
    expect(await nav.getByTestId('unread').count()).toBe(1);
    await nav.getByRole('link', { name: /alerts/ }).click();
    await messages.getByText('⚠️ Disk at 91%').waitFor();
    expect(await nav.getByTestId('unread').count()).toBe(0);
    expect(await nav.getByRole('link', { name: /alerts/ }).getAttribute('aria-current')).toBe('page');
    expect(await page.evaluate(() => (window as Marked).__marker)).toBe('same page');
    expect(problems).toEqual([]);
  });

  it('keeps the newest message in sight while the person is at the bottom, and leaves them be when they scrolled up', async () => {
    const team = await startTeam();
    const step = (i: number) =>
      team.agent.call('collab_channels', { operation: 'post', channel_name: 'general', title: `step ${i}`, message: 'a line\n\nand another' });
    for (let i = 1; i <= 40; i++) await step(i);
    const { page, problems } = await openDashboard(team.hub.url, '/c/general', { token: team.person });
    page.setDefaultTimeout(10_000);
    const messages = page.getByTestId('messages');
    await messages.getByText('step 40').waitFor();
    await page.locator('.top .live.on').waitFor();
    const gap = () => messages.evaluate((el) => el.scrollHeight - el.scrollTop - el.clientHeight);
    expect(await messages.evaluate((el) => el.scrollHeight > el.clientHeight * 2)).toBe(true);
    await expect.poll(gap).toBeLessThan(2);

    await step(41);
    await messages.getByText('step 41').waitFor();
    await expect.poll(gap).toBeLessThan(2);

    await messages.evaluate((el) => (el.scrollTop = 0));
    await team.agent.call('collab_channels', { operation: 'post', channel_name: 'general', title: 'step 42' });
    await messages.getByText('step 42').waitFor();
    expect(await messages.evaluate((el) => el.scrollTop)).toBe(0);
    expect(problems).toEqual([]);
  });

  it('reads the channel again when the stream comes back after the hub restarts', async () => {
    const team = await startTeam();
    const { page, problems } = await openDashboard(team.hub.url, '/c/general', { token: team.person });
    page.setDefaultTimeout(15_000);
    await page.locator('.top .live.on').waitFor();
    await page.evaluate(() => ((window as Marked).__marker = 'same page'));
    await team.hub.stop();
    await page.locator('.top .live.off').waitFor();

    // Posted while the page is not connected: only reading the channel again can show it.
    const again = await startHubProcess({ dataDir: team.hub.dataDir, args: ['--port', new URL(team.hub.url).port] });
    expect(again.url).toBe(team.hub.url);
    const agent = await connect(again.url, 'builder-1');
    await agent.call('collab_directory', { operation: 'register', name: 'builder-1', client: 'claude-code' });
    await agent.call('collab_channels', { operation: 'post', channel_name: 'general', title: '🚀 Back after the restart' });
    await page.getByTestId('messages').getByText('🚀 Back after the restart').waitFor();
    await page.locator('.top .live.on').waitFor();
    expect(await page.evaluate(() => (window as Marked).__marker)).toBe('same page');
    // Chromium logs the refused connections while the hub was down; the page added nothing of its own.
    expect(problems.filter((p) => !/ERR_CONNECTION_REFUSED|Failed to load resource/.test(p))).toEqual([]);
  });

  it('lets a viewer read along live, with no composer', async () => {
    const team = await startTeam();
    const viewer = await makeToken(team.hub.url, 'viewer');
    const { page, problems } = await openDashboard(team.hub.url, '/c/general', { token: viewer });
    await page.getByTestId('read-only').waitFor();
    await page.locator('.top .live.on').waitFor();
    await team.agent.call('collab_channels', { operation: 'post', channel_name: 'general', title: '📢 Release at 5pm' });
    await page.getByTestId('messages').getByText('📢 Release at 5pm').waitFor();
    expect(await page.getByTestId('composer').count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Post' }).count()).toBe(0);
    expect(await page.getByTestId('read-only').textContent()).toContain('viewer');
    expect(problems).toEqual([]);
  });

  it('renders markdown and styles each kind of status message', async () => {
    const team = await startTeam();
    const kinds: [title: string, kind: string][] = [
      ['🚀 Starting: ledger export', 'start'],
      ['🔄 Handoff: review the exporter', 'handoff'],
      ['✋ Claimed: review', 'claim'],
      ['📢 Freeze on main at 17:00', 'announce'],
      ['🚨 Blocked: CI is red', 'alert'],
      ['✅ Complete: ledger export', 'done'],
    ];
    for (const [title] of kinds) await team.agent.call('collab_channels', { operation: 'post', channel_name: 'general', title });
    const body = 'Exported **all rows**, see [the guide](https://example.com/guide).\n\n```sh\nnpm test\n```';
    await team.agent.call('collab_channels', { operation: 'post', channel_name: 'general', title: 'plain words', message: body });
    const { page, problems } = await openDashboard(team.hub.url, '/c/general', { token: team.person });
    const messages = page.getByTestId('messages');
    await messages.getByText('plain words').waitFor();
    for (const [title, kind] of kinds) {
      const item = messages.getByTestId('message').filter({ hasText: title });
      expect(await item.getAttribute('data-kind'), title).toBe(kind);
      expect(await item.evaluate((el) => getComputedStyle(el).borderLeftStyle)).toBe('solid');
    }
    const plain = messages.getByTestId('message').filter({ hasText: 'plain words' });
    expect(await plain.getAttribute('data-kind')).toBeNull();
    expect(await plain.locator('strong').textContent()).toBe('all rows');
    expect(await plain.getByRole('link', { name: 'the guide' }).getAttribute('href')).toBe('https://example.com/guide');
    expect(await plain.locator('pre code').textContent()).toBe('npm test\n');
    // The kind's colour differs between kinds (a start is not drawn like an alert).
    const colour = (title: string) => messages.getByTestId('message').filter({ hasText: title }).evaluate((el) => getComputedStyle(el).borderLeftColor);
    expect(await colour('🚀 Starting')).not.toBe(await colour('🚨 Blocked'));
    // The label a screen reader says for the kind.
    const done = messages.getByTestId('message').filter({ hasText: '✅ Complete' });
    expect(await done.locator('.channels-title').textContent()).toBe('done: ✅ Complete: ledger export');
    expect(problems).toEqual([]);
  });

  it('looks right: light, dark, a thread open, and on a phone', async () => {
    const team = await startTeam();
    const reviewer = await secondAgent(team, 'reviewer-2');
    const say = (agent: Team['agent'], title: string, message?: string, reply_to?: string) =>
      agent.call('collab_channels', { operation: 'post', channel_name: 'general', title, ...(message ? { message } : {}), ...(reply_to ? { reply_to } : {}) });
    await say(team.agent, '🚀 Starting: ledger export', 'Splitting the exporter into **reader** and **writer**.');
    await say(team.agent, '📢 Freeze on main at 17:00', 'Only fixes after that. Ping `#alerts` if something breaks.');
    const report = 'All **42** cases pass:\n\n```sh\nnpm test -- ledger\n```\nNotes in [the runbook](https://example.com/runbook).';
    await say(reviewer.agent, '✅ Complete: golden tests', report);
    const handoff = await team.agent.call('collab_tasks', {
      operation: 'create',
      task: 'Review the ledger exporter',
      channel: 'general',
      scope: 'the CSV writer only',
      priority: 'high',
    });
    await reviewer.agent.call('collab_tasks', { operation: 'claim', task_id: handoff.task.id });
    await say(reviewer.agent, '', 'Looking at the quoting rules first.', handoff.task.id);
    await say(team.agent, '🚨 Blocked: staging is down', 'The deploy hook answers 502.');

    const light = await openDashboard(team.hub.url, '/c/general', { token: team.person });
    const messages = light.page.getByTestId('messages');
    await messages.getByText('staging is down').waitFor();
    const badge = messages.getByTestId('message').filter({ hasText: 'Review the ledger exporter' }).getByTestId('task-badge');
    expect(await badge.textContent()).toMatch(/^handoff claimed by reviewer-2, lease 1[45]:\d\d$/);
    await screenshot(light.page, 'channels');

    await messages.getByTestId('message').filter({ hasText: 'Review the ledger exporter' }).getByTestId('thread-link').click();
    await light.page.getByTestId('thread').getByText('Looking at the quoting rules first.').waitFor();
    await screenshot(light.page, 'thread');

    const dark = await openDashboard(team.hub.url, '/c/general', { token: team.person, colorScheme: 'dark' });
    await dark.page.getByTestId('messages').getByText('staging is down').waitFor();
    await screenshot(dark.page, 'channels-dark');

    const narrow = await openDashboard(team.hub.url, '/c/general', { token: team.person, viewport: { width: 390, height: 844 } });
    await narrow.page.getByTestId('messages').getByText('staging is down').waitFor();
    expect(await narrow.page.getByRole('navigation', { name: 'Channels' }).getByRole('link').count()).toBe(0);
    expect(await narrow.page.getByTestId('channel-select').inputValue()).toBe('general');
    const width = await narrow.page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await screenshot(narrow.page, 'channels-narrow');
    expect([...light.problems, ...dark.problems, ...narrow.problems]).toEqual([]);
  });
});
