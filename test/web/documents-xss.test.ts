import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openDashboard } from './support/browser.js';
import { startTeam } from './support/team.js';
import { pathOf, upload } from './documents-support.js';

const FOLDER = `<svg onload=window.__xss='folder'>`;
const NAME = `"><img src=x onerror=window.__xss='name'>.md`;
const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

const MARKDOWN = `# Payloads

[click me](javascript:window.__xss='link') or [me](JAVASCRIPT:window.__xss='upper')

![pixel](${GIF} "t\\" onload=\\"window.__xss='title'")

<img src="data:," onerror="window.__xss='img onerror'">
<img src="${GIF}" onload="window.__xss='img onload'">
<script>window.__xss='script'</script>
<a href="javascript:window.__xss='a href'">or me</a>
<iframe srcdoc="<script>parent.__xss='iframe'</script>"></iframe>
<svg onload="window.__xss='svg'"><circle r="4"/></svg>
<object data="javascript:window.__xss='object'"></object>
<embed src="javascript:window.__xss='embed'">
<details open ontoggle="window.__xss='details'"><summary>more</summary>text</details>
<style>body { display: none }</style>
`;

const HTML = `<!doctype html><html><body onload="window.__xss='body'">
<script>window.__xss='html'</script><img src=x onerror="window.__xss='html img'">
</body></html>
`;
const SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="24" height="16" onload="window.__xss='svg file'">
<script>window.__xss='svg script'</script><rect width="24" height="16" fill="#c62828"/>
</svg>
`;

/** Nothing the documents carried may run, embed, or hang a handler in the page. */
async function expectInert(page: Page, problems: string[]): Promise<void> {
  const found = await page.evaluate(() => {
    const view = document.querySelector('section.docs')!;
    const elements = [...view.querySelectorAll('*')];
    return {
      xss: (window as unknown as { __xss?: unknown }).__xss,
      embedded: [...view.querySelectorAll('script, iframe, frame, svg, object, embed, style, form')].map((el) => el.tagName),
      scriptsInBody: document.body.querySelectorAll('script').length,
      handlers: elements.flatMap((el) => [...el.attributes].filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName} ${a.name}`)),
      scriptUrls: elements
        .flatMap((el) => ['href', 'src', 'data', 'action'].map((name) => el.getAttribute(name) ?? ''))
        .filter((url) => /^\s*javascript:/i.test(url)),
      hidden: getComputedStyle(document.body).display === 'none',
    };
  });
  expect(found).toEqual({ xss: undefined, embedded: [], scriptsInBody: 0, handlers: [], scriptUrls: [], hidden: false });
  expect(problems).toEqual([]);
}

describe('documents view: hostile names and content', () => {
  it('shows names as text and never runs what documents carry', async () => {
    const team = await startTeam('mallory');
    const markdown = await upload(team.agent, FOLDER, NAME, MARKDOWN);
    const html = await upload(team.agent, 'site', 'page.html', HTML);
    const svg = await upload(team.agent, 'site', 'logo.svg', SVG);

    const { page, problems } = await openDashboard(team.hub.url, pathOf(markdown.document.web_url), { token: team.person });
    const preview = page.getByTestId('preview');
    expect(await preview.locator('h1').textContent()).toBe('Payloads');
    const tree = page.getByTestId('docs-tree');
    expect(await tree.getByRole('button', { name: FOLDER }).textContent()).toBe(`▸${FOLDER}`);
    expect(await tree.locator('[aria-current=page]').textContent()).toBe(NAME);
    expect(await page.getByTestId('doc-path').textContent()).toBe(`${FOLDER}/${NAME}`);
    // Markdown's own image and link stay, without a handler or a script URL; clicking runs nothing.
    const pixel = preview.getByRole('img', { name: 'pixel' });
    await expect.poll(() => pixel.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(1);
    expect(await pixel.getAttribute('title')).toBe(`t" onload="window.__xss='title'`);
    const links = preview.locator('a', { hasText: /^(click me|me)$/ });
    expect(await links.count()).toBe(2);
    expect(await links.evaluateAll((all) => all.map((a) => a.getAttribute('href')))).toEqual([null, null]);
    await links.first().click();
    await expectInert(page, problems);

    await tree.getByRole('button', { name: 'site' }).click();
    await tree.getByRole('link', { name: 'page.html' }).click();
    await expect.poll(() => preview.locator('code').textContent()).toBe(HTML);
    await preview.locator('code.hljs .hljs-tag').first().waitFor();
    await expectInert(page, problems);

    await tree.getByRole('link', { name: 'logo.svg' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe(pathOf(svg.document.web_url));
    const img = preview.locator('img');
    await expect.poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth)).toBe(24);
    await expectInert(page, problems);
    expect(html.document.content_type).toMatch(/^text\/html/);
  });
});
