import { spawn } from 'node:child_process';
import type { Readable } from 'node:stream';
import { atFileEnd, atProcessExit } from '../support/cleanup.js';
import { BATON_BIN } from '../support/hub-process.js';
import { storeArgsFor } from '../support/store-choice.js';

/** A `baton serve` whose whole output is kept, for tests about what the hub says as it starts. */
export interface ServeRun {
  stdout(): string;
  stderr(): string;
  /** Resolves with the stream's text once it matches; rejects if the hub ends first. */
  until(stream: 'stdout' | 'stderr', pattern: RegExp): Promise<string>;
  /** Resolves with the exit code once the hub has ended and all its output is read. */
  closed: Promise<number | null>;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Runs `baton serve <args>` (on the store the tests run on, see store-choice); killed when the test
 * file ends if the test did not stop it.
 */
export async function serve(args: string[]): Promise<ServeRun> {
  const dataDir = args[args.indexOf('--data') + 1];
  const store = args.includes('--data') && dataDir ? await storeArgsFor(dataDir, args) : [];
  const child = spawn(process.execPath, [BATON_BIN, 'serve', ...store, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  const text = { stdout: '', stderr: '' };
  child.stdout.on('data', (chunk: Buffer) => (text.stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (text.stderr += chunk.toString()));
  const closed = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const stop = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return closed;
  };
  atFileEnd(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    return closed;
  });
  atProcessExit(() => child.kill('SIGKILL'));
  const until = (name: 'stdout' | 'stderr', pattern: RegExp) => matchOn(child[name], () => text[name], pattern, closed);
  return { stdout: () => text.stdout, stderr: () => text.stderr, until, closed, stop };
}

/**
 * Waits for the text read so far to match. The listener is added after the one that collects the
 * text, so each check sees the chunk that woke it.
 */
export function matchOn(stream: Readable, read: () => string, pattern: RegExp, ended: Promise<unknown>): Promise<string> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (!pattern.test(read())) return false;
      stream.off('data', check);
      resolve(read());
      return true;
    };
    if (check()) return;
    stream.on('data', check);
    void ended.then(() => {
      if (!check()) reject(new Error(`ended without printing ${pattern}: ${read()}`));
    });
  });
}

/** The address a hub announced on its first line. */
export function announcedUrl(stdout: string): string {
  const match = /^baton listening on (\S+) /.exec(stdout);
  if (!match?.[1]) throw new Error(`no address line in: ${stdout}`);
  return match[1];
}
