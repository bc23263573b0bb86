import { existsSync, mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { atFileEnd } from '../../support/cleanup.js';

/** Debian's Chromium (the `chromium` package); another can be named for a machine that keeps it elsewhere. */
export const CHROMIUM = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';

/** Where the tests leave a screenshot of each view (the README shows a few of them). */
export const SCREENSHOTS = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

let shared: Promise<Browser> | undefined;

/** One headless Chromium per test file, closed when the file ends. */
export function browser(): Promise<Browser> {
  if (!shared) {
    if (!existsSync(CHROMIUM)) throw new Error(`the dashboard's tests need Chromium at ${CHROMIUM}: apt-get install chromium, or name another in BATON_CHROMIUM`);
    shared = chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
    atFileEnd(async () => (await shared)?.close());
  }
  return shared;
}

export interface Dashboard {
  page: Page;
  context: BrowserContext;
  /**
   * What must never happen in a page: a dialog opened (alert, confirm, prompt), an uncaught error,
   * or an error in the console. The XSS tests expect this to stay empty.
   */
  problems: string[];
}

export interface OpenOptions {
  /** The token the browser logs in with (its cookie); the hub's admin token when not given. */
  token: string;
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

/** A fresh browser context logged in with a token (the cookie /login would set), at a path of the hub. */
export async function openDashboard(hubUrl: string, path: string, options: OpenOptions): Promise<Dashboard> {
  const context = await (await browser()).newContext({ viewport: options.viewport ?? { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
  await context.addCookies([{ name: 'baton_token', value: options.token, url: hubUrl, httpOnly: true, sameSite: 'Strict' }]);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('dialog', (dialog) => {
    problems.push(`dialog ${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss();
  });
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()}`);
  });
  await page.goto(new URL(path, hubUrl).href);
  await signedIn(page);
  atFileEnd(() => context.close().catch(() => {}));
  return { page, context, problems };
}

/** Resolves once the app has signed in: the header names the person (hidden, not absent, on a narrow screen). */
export const signedIn = (page: Page): Promise<void> => page.locator('.top .me').filter({ hasText: /\S/ }).waitFor({ state: 'attached' });

/** Saves what the page shows now as test-results/screenshots/<name>.png. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: `${SCREENSHOTS}${name}.png`, fullPage: false });
}
