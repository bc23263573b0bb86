import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { useToken } from './http.js';
import { BATON_BIN, scratchDir } from './paths.js';

export interface HubOptions {
  /** A data dir prepared beforehand (the 1M-message store); otherwise a fresh temp dir. */
  dataDir?: string;
  /** Extra node flags, e.g. --cpu-prof, for profiling a figure that misses. */
  nodeArgs?: string[];
  /** Extra `baton serve` options, e.g. `--store postgres://… --node n1` for a node of a cluster. */
  serveArgs?: string[];
}

export interface BenchHub {
  url: string;
  pid: number;
  dataDir: string;
  /** SIGTERM, wait for a clean exit, then remove a temp data dir. */
  stop(): Promise<void>;
}

/**
 * Starts the real hub (`baton serve --port 0`) in its own process and reads its address line. Every
 * request then presents this hub's admin token; nodes sharing a store share their tokens too.
 */
export async function startHub(options: HubOptions = {}): Promise<BenchHub> {
  const scratch = options.dataDir ? undefined : scratchDir('baton-bench-hub-');
  const dataDir = options.dataDir ?? scratch!.dir;
  // No rate limit: one token drives the whole load, and the figures are the hub's, not the limit's.
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), BATON_BIN, 'serve', '--port', '0', '--data', dataDir, '--rate-limit', '0', ...(options.serveArgs ?? [])], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit');
  const url = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', (line) => {
      const match = /listening on (\S+)/.exec(line);
      if (match?.[1]) resolve(match[1]);
      else reject(new Error(`unexpected first line from the hub: ${line}`));
    });
    void exited.then(([code]) => reject(new Error(`hub exited with ${String(code)}: ${stderr}`)));
  });
  useToken(readFileSync(join(dataDir, 'admin.token'), 'utf8').trim());
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
    scratch?.remove();
  };
  return { url, pid: child.pid!, dataDir, stop };
}
