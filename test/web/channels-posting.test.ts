import { describe, expect, it } from 'vitest';
import { openDashboard } from './support/browser.js';
import { startTeam } from './support/team.js';

interface Read {
  messages: { id: string; title: string; content: string; sender_id: string; reply_to: string | null; thread_id: string }[];
}

describe('channels view: posting', () => {
  it('posts and replies as the person, and agents read both over MCP', async () => {
    const team = await startTeam();
    const { page, problems } = await openDashboard(team.hub.url, '/c/general', { token: team.person });
    const composer = page.getByTestId('composer');
    await composer.getByRole('textbox', { name: 'Title (optional)' }).fill('📢 Deploy window moved');
    await composer.getByRole('textbox', { name: /Message to #general/ }).fill('Now at **16:00** UTC.');
    await composer.getByRole('textbox', { name: /Message to #general/ }).press('Control+Enter');
    const posted = page.getByTestId('messages').getByTestId('message').filter({ hasText: 'Deploy window moved' });
    await posted.locator('strong', { hasText: '16:00' }).waitFor();
    // The box is emptied once the hub has it.
    expect(await composer.getByRole('textbox', { name: /Message to #general/ }).inputValue()).toBe('');

    const read = (await team.agent.call('collab_channels', { operation: 'read', channel_name: 'general' })) as Read;
    const root = read.messages.find((m) => m.title === '📢 Deploy window moved');
    expect(root).toMatchObject({ content: 'Now at **16:00** UTC.', reply_to: null });
    const person = await team.agent.call('collab_directory', { operation: 'get_user', user_id: root!.sender_id });
    expect(person.user).toMatchObject({ kind: 'human', client: 'dashboard', name: 'coordinator-default' });
    expect(await posted.locator('.channels-sender').getAttribute('title')).toBe(root!.sender_id);

    // The thread opens beside the channel, and the URL says so.
    await posted.getByTestId('thread-link').click();
    const thread = page.getByTestId('thread');
    await thread.getByTestId('thread-messages').getByText('Deploy window moved').waitFor();
    expect(new URL(page.url()).searchParams.get('thread')).toBe(root!.id);
    const reply = thread.getByTestId('reply-composer');
    await reply.getByRole('textbox', { name: 'Reply (markdown)' }).fill('Works for the **exporter** team.');
    await reply.getByRole('button', { name: 'Reply' }).click();
    await thread.locator('strong', { hasText: 'exporter' }).waitFor();
    await posted.getByTestId('thread-link').filter({ hasText: '1 reply' }).waitFor();

    const inThread = (await team.agent.call('collab_channels', { operation: 'read', channel_name: 'general', thread: root!.id })) as Read;
    expect(inThread.messages.map((m) => m.content)).toEqual(['Now at **16:00** UTC.', 'Works for the **exporter** team.']);
    expect(inThread.messages[1]).toMatchObject({ reply_to: root!.id, thread_id: root!.id, sender_id: root!.sender_id });

    // An agent's reply shows in the open thread live, and counts on its root in the channel.
    await team.agent.call('collab_channels', { operation: 'post', channel_name: 'general', message: 'noted, moving my deploy', reply_to: root!.id });
    await thread.getByText('noted, moving my deploy').waitFor();
    await posted.getByTestId('thread-link').filter({ hasText: '2 replies' }).waitFor();
    expect(await page.getByTestId('messages').getByText('noted, moving my deploy').count()).toBe(0);

    // Escape closes the thread; a reload of a thread's URL opens it again.
    await page.keyboard.press('Escape');
    await thread.waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('thread')).toBeNull();
    await page.goto(`${team.hub.url}/c/general?thread=${root!.id}`);
    await page.getByTestId('thread').getByText('noted, moving my deploy').waitFor();
    await page.getByRole('button', { name: 'Close thread' }).click();
    await page.getByTestId('thread').waitFor({ state: 'detached' });
    expect(problems).toEqual([]);
  });

  it('shows a refusal naming the field and keeps the text', async () => {
    const team = await startTeam();
    const { page, problems } = await openDashboard(team.hub.url, '/c/general', { token: team.person });
    const composer = page.getByTestId('composer');
    const body = composer.getByRole('textbox', { name: /Message to #general/ });
    const long = `${'a log line that goes on\n'.repeat(700)}end`;
    await body.fill(long);
    await composer.getByRole('button', { name: 'Post' }).click();
    const refusal = composer.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.textContent()).toMatch(/^message is \d+ bytes, over the 16384-byte limit/);
    expect(await body.inputValue()).toBe(long);
    expect(await body.getAttribute('aria-invalid')).toBe('true');
    const read = (await team.agent.call('collab_channels', { operation: 'read', channel_name: 'general' })) as Read;
    expect(read.messages).toEqual([]);

    // Shortened, it goes through and the note goes away.
    await body.fill('the log is in the runbook');
    await body.press('Meta+Enter');
    await page.getByTestId('messages').getByText('the log is in the runbook').waitFor();
    expect(await composer.getByRole('alert').count()).toBe(0);
    // Chromium logs every refused request itself; the page added nothing of its own.
    expect(problems).toEqual([expect.stringMatching(/^console error: Failed to load resource: .* 413 /)]);
  });
});
