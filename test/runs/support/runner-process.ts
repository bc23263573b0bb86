import { startCli, type CliChild } from '../../support/cli-child.js';
import { tokenOf } from '../../support/hub-tokens.js';
import { tempDir } from '../../support/temp-dir.js';

/**
 * `baton recipe <args>` (the built CLI) against a hub, as a person with the hub's admin token and
 * their own data dir; its progress lines (one per step change) come on stderr.
 */
export function startRunner(url: string, args: string[], dataDir = tempDir('baton-runner-')): CliChild {
  return startCli(['recipe', ...args], { BATON_URL: url, BATON_TOKEN: tokenOf(url), BATON_DATA: dataDir, BATON_NAME: undefined, BATON_WORKSPACE: undefined }, 'stderr');
}
