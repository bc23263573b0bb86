import { spawn } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';
import { isLoopback } from '../core/loopback.js';
import { HubClientError } from './client-error.js';

export const DEFAULT_HUB_URL = 'http://127.0.0.1:7420';

export interface EnsureHubOptions {
  /** The hub asked for (--url, BATON_URL); without one, the data dir's announced hub or the default. */
  url?: string;
  /** The data dir a hub started here uses. */
  dataDir: string;
  /** Start a hub when none answers at a local address (default true). */
  start?: boolean;
  /** How long a started hub gets to answer. */
  startTimeoutMs?: number;
}

const CLI_MAIN = fileURLToPath(new URL('../cli/main.js', import.meta.url));
const PROBE_EVERY_MS = 100;

/**
 * Finds the hub to talk to, and when nothing answers at a local address starts one in the
 * background on the data dir, so a command or an MCP client needs nothing else. Returns its URL.
 */
export async function ensureHub(options: EnsureHubOptions): Promise<string> {
  const url = options.url ?? (await announcedUrl(options.dataDir)) ?? DEFAULT_HUB_URL;
  if (await answers(url)) return url;
  if (options.start === false || !isLocal(url)) throw unreachable(url, options.start === false ? ' (not starting one: --no-start)' : '');
  await refuseOtherHub(url, options.dataDir);
  await startInBackground(url, options.dataDir, options.startTimeoutMs ?? 15_000);
  return url;
}

/** The URL the data dir's running hub announced, if it answers. */
async function announcedUrl(dataDir: string): Promise<string | undefined> {
  // Loaded on demand: it brings the SQLite driver, which a client of a named hub never needs.
  const { announcedHub } = await import('../server/data-dir-lock.js');
  const announced = announcedHub(dataDir);
  return announced && (await answers(announced.url)) ? announced.url : undefined;
}

/** True when a Baton hub answers /healthz at the URL. */
export async function answers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url.replace(/\/+$/, '')}/healthz`, { signal: AbortSignal.timeout(2000) });
    const body = (await response.json()) as { name?: string };
    return response.ok && body.name === 'baton';
  } catch {
    return false;
  }
}

/** One hub per data dir: when it already runs elsewhere, say where instead of failing to start a second. */
async function refuseOtherHub(url: string, dataDir: string): Promise<void> {
  const other = await announcedUrl(dataDir);
  if (other && other !== url) {
    throw new HubClientError('unreachable', `no hub answers at ${url}, and the hub of ${dataDir} runs at ${other}: use --url ${other}`, 0);
  }
}

async function startInBackground(url: string, dataDir: string, timeoutMs: number): Promise<void> {
  const { hostname, port } = new URL(url);
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  const logFile = join(dataDir, 'hub.log');
  const log = openSync(logFile, 'a', 0o600);
  const args = [CLI_MAIN, 'serve', '--host', hostname.replace(/^\[|\]$/g, ''), '--port', port || '80', '--data', dataDir];
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log] });
  closeSync(log);
  let exited = false;
  child.once('exit', () => (exited = true));
  child.unref();
  const deadline = Date.now() + timeoutMs;
  // The hub tells no one when it is ready except by answering, so ask until it does (bounded).
  while (Date.now() < deadline) {
    if (await answers(url)) return;
    if (exited) break;
    await sleep(PROBE_EVERY_MS);
  }
  // Another command may have started the same hub a moment earlier.
  if (await answers(url)) return;
  throw new HubClientError('unreachable', `could not start a hub at ${url}: ${lastLine(logFile)} (log: ${logFile})`, 0);
}

/** A plain http URL on loopback: a hub of this machine. */
export function isLocal(url: string): boolean {
  try {
    const { hostname, protocol, pathname } = new URL(url);
    return protocol === 'http:' && isLoopback(hostname) && (pathname === '/' || pathname === '');
  } catch {
    return false;
  }
}

function lastLine(file: string): string {
  try {
    const lines = readFileSync(file, 'utf8').trim().split('\n');
    return (lines.at(-1) ?? '').replace(/^baton: /, '') || 'it exited without a word';
  } catch {
    return 'no log';
  }
}

const unreachable = (url: string, why: string): HubClientError =>
  new HubClientError('unreachable', `no hub answers at ${url}${why}`, 0);
