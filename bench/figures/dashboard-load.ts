import { existsSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { Figure } from '../support/figure.js';
import { startHub } from '../support/hub-process.js';
import { currentToken, expectJson, jsonHeaders, registerSession, send } from '../support/http.js';
import { distribution, round } from '../support/stats.js';

export interface DashboardOptions {
  /** Page loads measured, each in a fresh browser context (nothing cached), then once more warm. */
  loads: number;
  /** Messages in the channel the page opens on. */
  messages: number;
  nodeArgs?: string[];
}

const CHROMIUM = process.env.BATON_CHROMIUM ?? '/usr/bin/chromium';
/** The channel view is shown once its messages are on screen. */
const CHANNEL_SHOWN = '[data-testid="messages"] [data-testid="message"]';

interface Load {
  ms: number;
  bytes: number;
  requests: number;
}

/**
 * The dashboard's first load in Debian's Chromium: the bytes a browser with an empty cache transfers
 * (headers and compressed bodies) and the time from navigation until the channel view shows its
 * messages; then the same with the browser's cache warm.
 */
export async function measureDashboardLoad(options: DashboardOptions): Promise<Figure[]> {
  if (!existsSync(CHROMIUM)) throw new Error(`dashboard: needs Chromium at ${CHROMIUM} (apt-get install chromium)`);
  const hub = await startHub({ ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) });
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
  try {
    await fillChannel(hub.url, options.messages);
    const cold: Load[] = [];
    const warm: Load[] = [];
    for (let i = 0; i < options.loads; i++) {
      const [first, again] = await twoLoads(browser, hub.url);
      cold.push(first);
      warm.push(again);
    }
    return figuresOf(options, cold, warm);
  } finally {
    await browser.close();
    await hub.stop();
  }
}

async function fillChannel(url: string, messages: number): Promise<void> {
  const session = await registerSession(url, 'bench-writer');
  for (let i = 0; i < messages; i++) {
    const body = JSON.stringify({ title: i % 10 === 0 ? `✅ Complete: part ${i}` : `🚀 Starting: part ${i}`, body: `Working on **part ${i}**; see \`notes/${i}.md\`.` });
    expectJson(await send(`${url}/api/v1/channels/general/messages`, { method: 'POST', headers: jsonHeaders(session), body }), 201, 'post');
  }
}

/** A fresh context (empty cache) loads the channel view, then loads it again with its cache. */
async function twoLoads(browser: Browser, url: string): Promise<[Load, Load]> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  try {
    await context.addCookies([{ name: 'baton_token', value: currentToken()!, url, httpOnly: true, sameSite: 'Strict' }]);
    const page = await context.newPage();
    const first = await load(page, `${url}/c/general`);
    const again = await load(page, `${url}/c/general`);
    return [first, again];
  } finally {
    await context.close();
  }
}

async function load(page: Page, url: string): Promise<Load> {
  const finished: Promise<number>[] = [];
  const onFinished = (request: import('playwright-core').Request) => finished.push(request.sizes().then((s) => s.responseBodySize + s.responseHeadersSize));
  page.on('requestfinished', onFinished);
  const started = performance.now();
  await page.goto(url, { waitUntil: 'commit' });
  await page.locator(CHANNEL_SHOWN).first().waitFor();
  const ms = performance.now() - started;
  // The event stream stays open and never finishes: count what did.
  page.off('requestfinished', onFinished);
  const sizes = await Promise.all(finished);
  return { ms, bytes: sizes.reduce((a, b) => a + b, 0), requests: sizes.length };
}

function figuresOf(options: DashboardOptions, cold: Load[], warm: Load[]): Figure[] {
  const coldMs = distribution(cold.map((l) => l.ms));
  const warmMs = distribution(warm.map((l) => l.ms));
  const bytes = distribution(cold.map((l) => l.bytes));
  const spread = (d: typeof coldMs) => `min ${round(d.min, 0)} · max ${round(d.max, 0)} ms`;
  return [
    {
      id: 'dashboard_first_load_bytes',
      label: 'dashboard first load: bytes transferred (empty cache)',
      value: round(bytes.p50 / 1024, 1),
      unit: 'KiB',
      target: { op: '<=', value: 200 },
      samples: cold.length,
      sampleKind: 'page loads',
      note: `${cold[0]?.requests ?? 0} requests until the channel view shows`,
      detail: { bytes: bytes.p50, requests: cold.map((l) => l.requests) },
    },
    {
      id: 'dashboard_time_to_channel',
      label: `dashboard first load: navigation → channel view with ${options.messages} messages, p50`,
      value: round(coldMs.p50, 0),
      unit: 'ms',
      target: { op: '<=', value: 1000 },
      samples: cold.length,
      sampleKind: 'page loads, fresh browser context each',
      note: spread(coldMs),
      detail: coldMs as unknown as Record<string, unknown>,
    },
    {
      id: 'dashboard_time_to_channel_warm',
      label: 'dashboard load again, cache warm: navigation → channel view, p50',
      value: round(warmMs.p50, 0),
      unit: 'ms',
      samples: warm.length,
      sampleKind: 'page loads',
      note: spread(warmMs),
      detail: warmMs as unknown as Record<string, unknown>,
    },
  ];
}
