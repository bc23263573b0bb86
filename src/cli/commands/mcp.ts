import { Command } from 'commander';
import { stderrLog } from '../../server/log.js';
import { reachHub } from '../connect.js';

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
      const { url: hubUrl, token, workspace } = await reachHub(flags);
      // Loaded only here: the MCP machinery is not needed by any other command.
      const { runStdioProxy } = await import('../../surfaces/mcp/stdio-proxy.js');
      const session = flags.session || process.env.BATON_SESSION;
      await runStdioProxy({ hubUrl, log: stderrLog, token, workspace, session });
    });
}
