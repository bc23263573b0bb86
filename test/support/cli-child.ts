import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { atFileEnd, atProcessExit } from './cleanup.js';
import { BATON_BIN } from './hub-process.js';

export interface Ended {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** A long-running `baton …` command (a worker, a recipe runner) whose progress a test follows line by line. */
export interface CliChild {
  process: ChildProcess;
  /** Every line so far of the stream it reports on. */
  lines: string[];
  /** The first line (so far or to come) matching; rejects when the command exits without one. */
  line(pattern: RegExp): Promise<string>;
  exited: Promise<Ended>;
  stderr(): string;
}

/**
 * Starts the built CLI with these arguments and environment (an undefined value removes a variable),
 * following its progress on stdout or stderr. At the end of the test file it is stopped gently first,
 * so it can stop what it started (a worker's commands) instead of leaving them behind.
 */
export function startCli(args: string[], env: Record<string, string | undefined>, reports: 'stdout' | 'stderr' = 'stdout'): CliChild {
  const child = spawn(process.execPath, [BATON_BIN, ...args], { env: envOf(env), stdio: ['ignore', 'pipe', 'pipe'] });
  const out = { stdout: '', stderr: '' };
  child.stdout!.on('data', (chunk: Buffer) => (out.stdout += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (out.stderr += chunk.toString()));
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void; reject: (error: Error) => void }[] = [];
  createInterface({ input: child[reports]! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const exited = new Promise<Ended>((resolve) => child.once('close', (code, signal) => resolve({ code, signal, ...out })));
  const gone = (pattern: RegExp) => new Error(`baton ${args[0]} exited before printing ${pattern}; stdout:\n${out.stdout}\nstderr:\n${out.stderr}`);
  void exited.then(() => {
    for (const waiter of waiters.splice(0)) waiter.reject(gone(waiter.pattern));
  });
  const line = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return resolve(seen);
      if (child.exitCode !== null || child.signalCode !== null) return reject(gone(pattern));
      waiters.push({ pattern, resolve, reject });
    });
  atFileEnd(async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  });
  atProcessExit(() => child.kill('SIGKILL'));
  return { process: child, lines, line, exited, stderr: () => out.stderr };
}

function envOf(extra: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}
