import { spawn } from 'node:child_process';
import { expect } from 'vitest';
import { BATON_BIN } from '../support/hub-process.js';
import { tokenOf } from '../support/hub-tokens.js';
import { tempDir } from '../support/temp-dir.js';

export { freePort } from '../support/free-port.js';

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout as it came, for binary output. */
  bytes: Buffer;
}

export type CliEnv = Record<string, string | undefined>;

/** The environment of a person at a terminal: this hub, the token they were given, their own data dir, no name set. */
export function personAt(url: string, extra: CliEnv = {}): CliEnv {
  return { BATON_URL: url, BATON_TOKEN: tokenOf(url), BATON_DATA: tempDir('baton-cli-'), BATON_NAME: undefined, ...extra };
}

/** Runs `baton <args>` (the built dist/cli/main.js) as a child process and collects what it printed. */
export function runCli(args: string[], env: CliEnv, input?: string | Buffer): Promise<CliResult> {
  const child = spawn(process.execPath, [BATON_BIN, ...args], { env: envOf(env), stdio: ['pipe', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (c: Buffer) => out.push(c));
  child.stderr.on('data', (c: Buffer) => err.push(c));
  child.stdin.end(input);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => {
      const bytes = Buffer.concat(out);
      resolve({ code, stdout: bytes.toString(), stderr: Buffer.concat(err).toString(), bytes });
    });
  });
}

/** Runs a command that must succeed and returns its stdout. */
export async function ok(args: string[], env: CliEnv, input?: string | Buffer): Promise<string> {
  const result = await runCli(args, env, input);
  expect(result.stderr, `baton ${args.join(' ')}`).toBe('');
  expect(result.code, `baton ${args.join(' ')}`).toBe(0);
  return result.stdout;
}

/** Runs a command with --json that must succeed and returns its parsed output. */
export async function okJson(args: string[], env: CliEnv, input?: string | Buffer): Promise<Record<string, any>> {
  return JSON.parse(await ok([...args, '--json'], env, input)) as Record<string, any>;
}

/** Runs a command that must fail, and checks the one-line reason it gives. */
export async function fails(args: string[], env: CliEnv, reason: RegExp, input?: string | Buffer): Promise<string> {
  const result = await runCli(args, env, input);
  expect(result.code, `baton ${args.join(' ')} should fail`).not.toBe(0);
  expect(result.stdout).toBe('');
  const lines = result.stderr.trimEnd().split('\n');
  expect(lines, 'one line on stderr').toHaveLength(1);
  expect(lines[0]).toMatch(/^baton: /);
  expect(lines[0]).toMatch(reason);
  return lines[0]!;
}

function envOf(extra: CliEnv): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  for (const [key, value] of Object.entries(env)) if (value === undefined) delete env[key];
  return env;
}
