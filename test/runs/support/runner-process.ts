import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { atFileEnd, atProcessExit } from '../../support/cleanup.js';
import { BATON_BIN } from '../../support/hub-process.js';
import { tokenOf } from '../../support/hub-tokens.js';
import { tempDir } from '../../support/temp-dir.js';

export interface RunnerProcess {
  process: ChildProcess;
  /** Resolves with the first progress line (stderr) matching, so far or to come. */
  progress(pattern: RegExp): Promise<string>;
  /** Resolves when the runner exits, with its code and everything it printed. */
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/** `baton recipe <args>` (the built CLI) against a hub, as a person with the hub's admin token and their own data dir. */
export function startRunner(url: string, args: string[], dataDir = tempDir('baton-runner-')): RunnerProcess {
  const env: NodeJS.ProcessEnv = { ...process.env, BATON_URL: url, BATON_TOKEN: tokenOf(url), BATON_DATA: dataDir };
  delete env.BATON_NAME;
  delete env.BATON_WORKSPACE;
  const child = spawn(process.execPath, [BATON_BIN, 'recipe', ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  const lines: string[] = [];
  const waiters: { pattern: RegExp; resolve: (line: string) => void }[] = [];
  child.stdout!.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  createInterface({ input: child.stderr! }).on('line', (line) => {
    lines.push(line);
    for (const waiter of waiters.filter((w) => w.pattern.test(line))) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(line);
    }
  });
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once('close', (code) => resolve({ code, stdout, stderr: lines.join('\n') })),
  );
  const progress = (pattern: RegExp) =>
    new Promise<string>((resolve, reject) => {
      const seen = lines.find((l) => pattern.test(l));
      if (seen !== undefined) return resolve(seen);
      waiters.push({ pattern, resolve });
      void exited.then((end) => reject(new Error(`the runner exited (${end.code}) before printing ${pattern}:\n${end.stderr}\n${end.stdout}`)));
    });
  atFileEnd(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  atProcessExit(() => child.kill('SIGKILL'));
  return { process: child, progress, exited };
}
