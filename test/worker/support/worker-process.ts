import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { atFileEnd, atProcessExit } from '../../support/cleanup.js';
import { BATON_BIN } from '../../support/hub-process.js';
import { tokenOf } from '../../support/hub-tokens.js';
import { tempDir } from '../../support/temp-dir.js';

/** The scripted agent the tests run as the worker's command. */
export const AGENT = fileURLToPath(new URL('../fixtures/scripted-agent.mjs', import.meta.url));
export const AGENT_COMMAND = `${JSON.stringify(process.execPath)} ${JSON.stringify(AGENT)}`;

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface WorkerProcess {
  process: ChildProcess;
  /** Every stdout line so far. */
  lines: string[];
  /** The first line (so far or to come) matching; rejects when the worker exits without one. */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<Exit>;
  stderr(): string;
}

/**
 * Starts `baton worker …` (the built CLI) against a hub, with the hub's admin token unless `env`
 * brings another, its own data dir, and the scripted agent as the command unless `args` name one.
 */
export function startWorker(url: string, args: string[], env: Record<string, string | undefined> = {}): WorkerProcess {
  const exec = args.includes('--exec') ? [] : ['--exec', AGENT_COMMAND];
  const child = spawn(process.execPath, [BATON_BIN, 'worker', ...exec, ...args], {
    env: envOf({ BATON_URL: url, BATON_TOKEN: tokenOf(url), BATON_DATA: tempDir('baton-worker-'), BATON_NAME: undefined, BATON_WORKSPACE: undefined, ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of [...waiters]) {
      if (!waiter.pattern.test(line)) continue;
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const output = () => `stdout:\n${lines.join('\n')}\nstderr:\n${errors}`;
  const exited = new Promise<Exit>((resolve) => child.once('close', (code, signal) => resolve({ code, signal })));
  void exited.then(() => {
    for (const waiter of waiters.splice(0)) waiter.reject(new Error(`the worker exited before printing ${waiter.pattern}; ${output()}`));
  });
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return resolve(seen);
      if (child.exitCode !== null || child.signalCode !== null) return reject(new Error(`the worker has exited; ${output()}`));
      waiters.push({ pattern, resolve, reject });
    });
  // Stopped gently first, so it stops its commands (their own process groups) instead of leaving them behind.
  atFileEnd(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  });
  atProcessExit(() => child.kill('SIGKILL'));
  return { process: child, lines, line, exited, stderr: () => errors };
}

function envOf(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}
