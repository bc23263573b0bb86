import { Command } from 'commander';
import { ensureHub } from '../../client/ensure-hub.js';
import { tokenFor } from '../../client/local-token.js';
import { stderrLog } from '../../server/log.js';
import { requestedUrl } from '../connect.js';
import { dataDirOf } from '../data-dir.js';

interface McpFlags {
  url?: string;
  token?: string;
  workspace?: string;
  session?: string;
  start: boolean;
}

/**
 * MCP over stdio for a client that launches `baton mcp`: forwards to the running hub, starting a
 * local one first when none answers. stdout belongs to the protocol from here on.
 */
export function mcpCommand(): Command {
  return new Command('mcp')
    .description('serve MCP over stdio, through the hub (started in the background if none answers locally)')
    .option('--url <url>', 'the hub (env BATON_URL; default http://127.0.0.1:7420)')
    .option('--token <token>', 'the bearer token (env BATON_TOKEN; default: the local hub\'s admin token)')
    .option('-w, --workspace <name>', 'the workspace (env BATON_WORKSPACE; default: default)')
    .option('--session <id>', 'speak as this session (env BATON_SESSION) instead of one named after the client')
    .option('--no-start', 'do not start a local hub when none answers')
    .action(async (flags: McpFlags) => {
      const dataDir = dataDirOf();
      const hubUrl = await ensureHub({ url: requestedUrl(flags.url), dataDir, start: flags.start });
      // Loaded only here: the MCP machinery is not needed by any other command.
      const { runStdioProxy } = await import('../../surfaces/mcp/stdio-proxy.js');
      const session = flags.session || process.env.BATON_SESSION;
      const token = tokenFor(hubUrl, dataDir, flags.token);
      const workspace = flags.workspace || process.env.BATON_WORKSPACE;
      await runStdioProxy({ hubUrl, log: stderrLog, ...(session ? { session } : {}), ...(token ? { token } : {}), ...(workspace && workspace !== 'default' ? { workspace } : {}) });
    });
}
