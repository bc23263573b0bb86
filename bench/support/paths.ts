import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: this file runs as dist-bench/bench/support/paths.js. */
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The built command line entry, as `npx baton` runs it; BATON_BENCH_BIN measures another build instead. */
export const BATON_BIN = process.env.BATON_BENCH_BIN ?? join(ROOT, 'dist', 'cli', 'main.js');

export const RESULTS_DIR = join(ROOT, 'bench', 'results');

/** CPU profiles are large and per machine: they stay in the (ignored) build output. */
export const PROFILES_DIR = join(ROOT, 'dist-bench', 'profiles');

/** A fresh temp directory and the function that removes it. */
export function scratchDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
