import { fileURLToPath } from 'node:url';
import { startCli, type CliChild } from '../../support/cli-child.js';
import { tokenOf } from '../../support/hub-tokens.js';
import { tempDir } from '../../support/temp-dir.js';

/** The scripted agent the tests run as the worker's command. */
export const AGENT = fileURLToPath(new URL('../fixtures/scripted-agent.mjs', import.meta.url));
export const AGENT_COMMAND = `${JSON.stringify(process.execPath)} ${JSON.stringify(AGENT)}`;

export type WorkerProcess = CliChild;

/**
 * Starts `baton worker …` (the built CLI) against a hub, with the hub's admin token unless `env`
 * brings another, its own data dir, and the scripted agent as the command unless `args` name one.
 */
export function startWorker(url: string, args: string[], env: Record<string, string | undefined> = {}): WorkerProcess {
  const exec = args.includes('--exec') ? [] : ['--exec', AGENT_COMMAND];
  return startCli(['worker', ...exec, ...args], {
    BATON_URL: url,
    BATON_TOKEN: tokenOf(url),
    BATON_DATA: tempDir('baton-worker-'),
    BATON_NAME: undefined,
    BATON_WORKSPACE: undefined,
    ...env,
  });
}
