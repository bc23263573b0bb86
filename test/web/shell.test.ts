import { describe, expect, it } from 'vitest';
import { openDashboard, screenshot } from './support/browser.js';
import { startTeam } from './support/team.js';

describe('dashboard shell', () => {
  it('logs the person in as a human session and keeps the counts in sight', async () => {
    const team = await startTeam();
    await team.agent.call('collab_tasks', { operation: 'create', task: 'Review the parser' });
    const { page, problems } = await openDashboard(team.hub.url, '/', { token: team.person });
    await expect.poll(() => page.getByTestId('open-handoffs').textContent()).toBe('1');
    expect(await page.getByTestId('open-alerts').textContent()).toBe('0');
    const sessions = await team.agent.call('collab_directory', { operation: 'list_users' });
    const person = sessions.users.find((u: { kind: string }) => u.kind === 'human');
    expect(person).toMatchObject({ name: 'coordinator-default', client: 'dashboard' });
    await screenshot(page, 'shell');
    expect(problems).toEqual([]);
  });
});
