import { describe, expect, it } from 'vitest';
import { connect } from '../support/mcp-client.js';
import { openDashboard, screenshot } from './support/browser.js';
import { startTeam } from './support/team.js';
import { pathOf, textsOf, upload } from './documents-support.js';

const V1 = '# Handoff: parser\n\n## Done\n- grammar\n- lexer\n\n## Next steps\n1. error recovery\n2. benchmarks\n';
const V2 = '# Handoff: parser\n\n## Done\n- grammar\n- lexer\n- error recovery\n\n## Next steps\n1. benchmarks\n';
const V3 = '# Handoff: parser\n\n## Done\n- grammar\n- lexer and tokens\n- error recovery\n\n## Next steps\n1. benchmarks\n2. publish\n';

describe('documents view: versions and diff', () => {
  it('lists each version with its author, follows a new version live, opens ?v=2 and diffs v1 against v3', async () => {
    const team = await startTeam('writer-1');
    const reviewer = await connect(team.hub.url, 'reviewer-2');
    const reviewerId = String((await reviewer.call('collab_directory', { operation: 'register', name: 'reviewer-2', client: 'codex' })).session.id);
    const first = await upload(team.agent, 'handoffs', 'parser.md', V1);
    const second = await upload(reviewer, 'handoffs', 'parser.md', V2);
    expect(second.version.version).toBe(2);

    const { page, problems } = await openDashboard(team.hub.url, pathOf(first.document.web_url), { token: team.person });
    const header = page.getByTestId('doc-version');
    expect(await header.textContent()).toBe('version 2 of 2');

    // A new version while the page shows the current one: the header, preview and versions follow.
    const third = await upload(team.agent, 'handoffs', 'parser.md', V3);
    await expect.poll(() => header.textContent()).toBe('version 3 of 3');
    const items = page.getByTestId('preview').locator('li');
    await expect.poll(() => items.allTextContents()).toEqual(['grammar', 'lexer and tokens', 'error recovery', 'benchmarks', 'publish']);
    const versions = page.getByTestId('versions');
    expect(await versions.locator('li').count()).toBe(3);
    for (const [version, name, id] of [[1, 'writer-1', team.agentId], [2, 'reviewer-2', reviewerId], [3, 'writer-1', team.agentId]] as const) {
      const item = versions.locator(`li[data-version="${version}"]`);
      expect(await item.textContent()).toContain(`${name} (${id})`);
      expect(await item.getByRole('link', { name }).getAttribute('href')).toBe(`/sessions/${id}`);
    }
    await screenshot(page, 'documents');

    // Version 2's web_url opens this view at version 2.
    await page.goto(second.version.web_url);
    expect(await header.textContent()).toBe('version 2 of 3');
    await expect.poll(() => items.allTextContents()).toEqual(['grammar', 'lexer', 'error recovery', 'benchmarks']);
    expect(await page.getByTestId('doc-meta').textContent()).toContain(`reviewer-2 (${reviewerId})`);
    // By default the diff is the previous version against the one shown.
    expect(await textsOf(page, '[data-testid=diff] .diff-add .docs-diff-text')).toEqual(['- error recovery', '1. benchmarks']);
    expect(await textsOf(page, '[data-testid=diff] .diff-del .docs-diff-text')).toEqual(['1. error recovery', '2. benchmarks']);

    // Choosing a version in the list opens it in place: the address follows.
    await versions.getByRole('link', { name: 'v1' }).click();
    await expect.poll(() => new URL(page.url()).search).toBe('?v=1');
    await expect.poll(() => header.textContent()).toBe('version 1 of 3');
    expect(await versions.locator('[aria-current=true]').textContent()).toBe('v1');

    await page.getByTestId('diff-from').selectOption('1');
    await page.getByTestId('diff-to').selectOption('3');
    await expect.poll(() => page.locator('[data-testid=diff] caption').textContent()).toBe('Lines changed from version 1 to version 3');
    const added = page.locator('[data-testid=diff] .diff-add');
    const removed = page.locator('[data-testid=diff] .diff-del');
    expect(await added.locator('.docs-diff-text').allTextContents()).toEqual(['- lexer and tokens', '- error recovery', '1. benchmarks', '2. publish']);
    expect(await removed.locator('.docs-diff-text').allTextContents()).toEqual(['- lexer', '1. error recovery', '2. benchmarks']);
    // Each line says what happened to it and where it is: "-" lines by their old number, "+" lines by their new one.
    expect(await removed.first().locator('td').allTextContents()).toEqual(['5', '', '-removed', '- lexer']);
    expect(await added.first().locator('td').allTextContents()).toEqual(['', '5', '+added', '- lexer and tokens']);
    expect(await page.getByTestId('diff-summary').textContent()).toBe('+4 −3 lines');
    const colours = await page.evaluate(() => {
      const background = (selector: string) => getComputedStyle(document.querySelector(selector)!).backgroundColor;
      return { added: background('.diff-add'), removed: background('.diff-del'), same: background('.diff-same') };
    });
    expect(colours.added).not.toBe(colours.same);
    expect(colours.removed).not.toBe(colours.same);
    expect(colours.added).not.toBe(colours.removed);
    await page.getByTestId('diff').scrollIntoViewIfNeeded();
    await screenshot(page, 'documents-diff');
    expect(third.version.version).toBe(3);
    expect(problems).toEqual([]);
  });
});
