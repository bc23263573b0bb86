import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { readMemory, resetPeak } from '../../bench/support/proc-memory.js';

const MiB = 1024 * 1024;

/** A process that touched 96 MiB and gave it back: its peak stands far above its rss. */
async function spikedProcess() {
  const script = "let b = Buffer.alloc(96 * 1024 * 1024, 1); b = null; gc(); process.stdout.write('ready\\n'); setInterval(() => {}, 1000);";
  const child = spawn(process.execPath, ['--expose-gc', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await once(child.stdout, 'data');
  return child;
}

describe('bench proc memory', () => {
  it('proc memory - reads a live process: rss is positive and the peak never below it', () => {
    const memory = readMemory(process.pid);
    expect(memory.rss).toBeGreaterThan(MiB);
    expect(memory.peak).toBeGreaterThanOrEqual(memory.rss);
  });

  it('proc memory - a reset brings the peak down to what the process holds now', async () => {
    const child = await spikedProcess();
    try {
      const before = readMemory(child.pid!);
      expect(before.peak - before.rss).toBeGreaterThan(64 * MiB);
      resetPeak(child.pid!);
      const after = readMemory(child.pid!);
      expect(after.peak - after.rss).toBeLessThan(16 * MiB);
    } finally {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });

  it('proc memory - a process that does not exist is an error, not a zero', () => {
    expect(() => readMemory(2 ** 22 + 1)).toThrow();
  });
});
