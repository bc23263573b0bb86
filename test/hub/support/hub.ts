import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { onTestFinished } from 'vitest';
import type { Limits } from '../../../src/core/limits.js';
import { openTestHub, type TestHub } from '../../support/test-hub.js';

/**
 * A test hub that is closed and removed when the test ends. (A hook registered from inside a
 * running test, as the shared temp dir does, never runs, so each test cleans up after itself.)
 */
export async function hubForTest(limits: Partial<Limits> = {}): Promise<TestHub> {
  const t = await openTestHub(limits);
  onTestFinished(async () => {
    await t.hub.close().catch(() => {});
    rmSync(dirname(t.dir), { recursive: true, force: true });
  });
  return t;
}
