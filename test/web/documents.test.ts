import { describe, expect, it } from 'vitest';
import { openDashboard, screenshot } from './support/browser.js';
import { startTeam } from './support/team.js';
import { pathOf, png, upload } from './documents-support.js';

const PLAN = `# Release plan

Ship the parser **this week**.

- write the grammar
- add the tests
- publish the package

| Step | Owner |
| --- | --- |
| grammar | writer-1 |
| tests | reviewer-2 |
`;

const CODE = `import { readFile } from 'node:fs/promises';

/** Counts the lines of a file. */
export async function countLines(path: string): Promise<number> {
  const text = await readFile(path, 'utf8');
  return text.split('\\n').length; // the last one may be empty
}
`;

describe('documents view: tree and preview', () => {
  it('shows a markdown document uploaded while the page is open, opened from the tree with the keyboard', async () => {
    const team = await startTeam('writer-1');
    const { page, problems } = await openDashboard(team.hub.url, '/docs', { token: team.person });
    const tree = page.getByTestId('docs-tree');
    await tree.getByText('No documents yet.').waitFor();

    const { document } = await upload(team.agent, 'project/notes', 'plan.md', PLAN);
    const scratch = await upload(team.agent, 'project', 'scratch.txt', 'to be deleted');

    // Folders open with the keyboard: real buttons that say whether they are open.
    const project = tree.getByRole('button', { name: 'project' });
    expect(await project.getAttribute('aria-expanded')).toBe('false');
    await project.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => project.getAttribute('aria-expanded')).toBe('true');
    await tree.getByRole('link', { name: 'scratch.txt' }).waitFor();
    await tree.getByRole('button', { name: 'notes' }).focus();
    await page.keyboard.press('Space');
    const link = tree.getByRole('link', { name: 'plan.md' });
    await link.focus();
    await page.keyboard.press('Enter');

    await expect.poll(() => new URL(page.url()).pathname).toBe(pathOf(document.web_url));
    const preview = page.getByTestId('preview');
    expect(await preview.locator('h1').textContent()).toBe('Release plan');
    expect(await preview.locator('li').allTextContents()).toEqual(['write the grammar', 'add the tests', 'publish the package']);
    expect(await preview.locator('table th').allTextContents()).toEqual(['Step', 'Owner']);
    expect(await preview.locator('table tbody tr').count()).toBe(2);
    expect(await preview.locator('strong').textContent()).toBe('this week');
    expect(await link.getAttribute('aria-current')).toBe('page');
    expect(await page.getByTestId('doc-path').textContent()).toBe('project/notes/plan.md');
    const meta = await page.getByTestId('doc-meta').textContent();
    expect(meta).toContain('version 1 of 1');
    expect(meta).toContain(`writer-1 (${team.agentId})`);
    expect(meta).toContain('text/markdown');

    // A deleted document leaves the tree, live.
    await team.agent.call('collab_documents', { operation: 'delete', document_id: scratch.document.id });
    await expect.poll(() => tree.getByRole('link', { name: 'scratch.txt' }).count()).toBe(0);
    expect(await tree.getByRole('link').allTextContents()).toEqual(['plan.md']);
    expect(problems).toEqual([]);

    const dark = await openDashboard(team.hub.url, pathOf(document.web_url), { token: team.person, colorScheme: 'dark' });
    await dark.page.getByTestId('preview').locator('h1').waitFor();
    const background = await dark.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(21, 23, 27)');
    await screenshot(dark.page, 'documents-dark');
    expect(dark.problems).toEqual([]);

    // On a phone the tree is a folded section above the document, and nothing scrolls sideways.
    const narrow = await openDashboard(team.hub.url, pathOf(document.web_url), { token: team.person, viewport: { width: 390, height: 844 } });
    await narrow.page.getByTestId('preview').locator('h1').waitFor();
    const toggle = narrow.page.getByRole('button', { name: /^Documents/ });
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await narrow.page.getByTestId('docs-tree').isVisible()).toBe(false);
    await toggle.click();
    await narrow.page.getByTestId('docs-tree').getByRole('link', { name: 'plan.md' }).waitFor();
    expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(narrow.page, 'documents-narrow');
    expect(narrow.problems).toEqual([]);
  });

  it('highlights code, shows images that load, and offers binaries and long text as downloads', async () => {
    const team = await startTeam('builder-1');
    const code = await upload(team.agent, 'src', 'count-lines.ts', CODE);
    const json = await upload(team.agent, 'config', 'settings.json', '{\n  "name": "parser",\n  "retries": 3,\n  "strict": true\n}\n');
    const image = await upload(team.agent, 'img', 'badge.png', png(96, 64, [47, 95, 208]), { encoding: 'base64' });
    await upload(team.agent, 'img', 'badge.png', png(64, 64, [31, 138, 76]), { encoding: 'base64' });
    const bytes = Buffer.from([0, 1, 2, 255, 254, 0, 7, 8, 9, 10]);
    const binary = await upload(team.agent, 'build', 'parser.bin', bytes.toString('base64'), { encoding: 'base64' });
    const long = Array.from({ length: 6000 }, (_, i) => `line ${i}: ${'x'.repeat(50)}`).join('\n');
    const big = await upload(team.agent, 'logs', 'run.txt', long);

    const { page, problems } = await openDashboard(team.hub.url, pathOf(code.document.web_url), { token: team.person });
    const preview = page.getByTestId('preview');
    await preview.locator('code.hljs .hljs-keyword').first().waitFor();
    expect(await preview.locator('code.hljs .hljs-keyword').allTextContents()).toEqual(expect.arrayContaining(['import', 'export', 'async', 'function']));
    expect(await preview.locator('code.hljs .hljs-comment').count()).toBeGreaterThan(0);
    expect(await preview.locator('code').textContent()).toBe(CODE);
    await screenshot(page, 'documents-code');

    await page.getByTestId('docs-tree').getByRole('button', { name: 'config' }).click();
    await page.getByTestId('docs-tree').getByRole('link', { name: 'settings.json' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(pathOf(json.document.web_url));
    await expect.poll(() => preview.locator('code.hljs .hljs-attr').allTextContents()).toEqual(['"name"', '"retries"', '"strict"']);
    expect(await preview.locator('code.hljs .hljs-number').textContent()).toBe('3');

    // The image at version 1 is the one shown when version 1 is asked for, and it really loaded.
    await page.goto(new URL(`${pathOf(image.document.web_url)}?v=1`, team.hub.url).href);
    const img = page.getByTestId('preview').locator('img');
    await img.waitFor();
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(96);
    expect(await img.getAttribute('src')).toBe(`/d/${image.document.id}/raw?v=1`);
    // Two images have no line diff.
    expect(await page.getByTestId('diff-note').textContent()).toContain('not text');

    await page.goto(new URL(pathOf(binary.document.web_url), team.hub.url).href);
    const download = page.getByTestId('download');
    expect(await download.getAttribute('href')).toBe(`/d/${binary.document.id}/raw?v=1`);
    expect(await download.getAttribute('download')).toBe('parser.bin');
    const raw = await page.request.get(new URL((await download.getAttribute('href'))!, team.hub.url).href);
    expect(raw.status()).toBe(200);
    expect(Buffer.from(await raw.body())).toEqual(bytes);

    // Long text shows its start, says so, and links the rest.
    await page.goto(new URL(pathOf(big.document.web_url), team.hub.url).href);
    const note = page.getByTestId('truncated');
    expect(await note.textContent()).toContain(`of ${Math.round(long.length / 1024)} KB`);
    const shown = (await page.getByTestId('preview').locator('code').textContent())!;
    expect(shown.startsWith('line 0: ')).toBe(true);
    expect(shown.length).toBeLessThan(long.length);
    expect(long.startsWith(shown)).toBe(true);
    expect(problems).toEqual([]);
  });
});
