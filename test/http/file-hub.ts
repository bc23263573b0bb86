import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';

/**
 * One real hub process for a test file, started before its tests and stopped (and its data dir
 * removed) after them. The hooks are registered while the file is collected, so they always run.
 */
export function hubForFile(): () => HubProcess {
  const dataDir = tempDir('baton-http-');
  let hub: HubProcess | undefined;
  beforeAll(async () => {
    hub = await startHubProcess({ dataDir });
  });
  afterAll(async () => {
    await hub?.stop();
  });
  return () => {
    if (!hub) throw new Error('the hub of this file has not started');
    return hub;
  };
}

/** Hubs a test starts itself; whatever is still running when the file ends is stopped. */
export function hubsForTests(): (options?: { dataDir?: string }) => Promise<HubProcess> {
  const root = tempDir('baton-http-');
  const started: HubProcess[] = [];
  afterAll(async () => {
    await Promise.all(started.map((hub) => hub.stop('SIGKILL')));
  });
  return async (options = {}) => {
    const hub = await startHubProcess({ dataDir: options.dataDir ?? mkdtempSync(join(root, 'hub-')) });
    started.push(hub);
    return hub;
  };
}
