import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { atFileEnd, atProcessExit } from './cleanup.js';
import { forgetLocalHub } from '../../src/client/local-hubs.js';
import { rememberToken } from './hub-tokens.js';
import { tempDir } from './temp-dir.js';
import { storeArgsFor } from './store-choice.js';

/** The built command line entry, as `npx baton` runs it. */
export const BATON_BIN = fileURLToPath(new URL('../../dist/cli/main.js', import.meta.url));

export interface HubProcess {
  url: string;
  /** The admin token the hub keeps in its data dir (undefined when it runs --open). */
  token: string | undefined;
  dataDir: string;
  process: ChildProcess;
  /** Sends a signal and resolves with the exit code. */
  stop(signal?: NodeJS.Signals): Promise<number | null>;
  stderr(): string;
}

/**
 * Starts a real hub (`baton serve`) on a free loopback port and waits for its address line.
 * Stopped when the test file ends, if the test did not stop it.
 */
export async function startHubProcess(options: { dataDir?: string; args?: string[]; env?: NodeJS.ProcessEnv } = {}): Promise<HubProcess> {
  const dataDir = options.dataDir ?? tempDir('baton-hub-');
  const args = [...(await storeArgsFor(dataDir, options.args ?? [])), ...(options.args ?? [])];
  const child = spawn(process.execPath, [BATON_BIN, 'serve', '--port', '0', '--data', dataDir, ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let errors = '';
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      const match = /listening on (\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
      else reject(new Error(`unexpected first line: ${line}`));
    });
    void exited.then((code) => reject(new Error(`hub exited with ${code}: ${errors}`)));
  });
  const stop = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    const code = await exited;
    // A killed hub cannot take back the note it left for local commands.
    forgetLocalHub(url);
    return code;
  };
  atFileEnd(() => stop('SIGKILL'));
  atProcessExit(() => child.kill('SIGKILL'));
  const token = adminToken(dataDir);
  if (token) rememberToken(url, token);
  return { url, token, dataDir, process: child, stop, stderr: () => errors };
}

function adminToken(dataDir: string): string | undefined {
  try {
    return readFileSync(join(dataDir, 'admin.token'), 'utf8').trim();
  } catch {
    return undefined;
  }
}
