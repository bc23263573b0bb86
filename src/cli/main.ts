#!/usr/bin/env node
import { Command } from 'commander';
import { VERSION } from '../server/version.js';
import { auditCommand } from './commands/audit.js';
import { channelCommand } from './commands/channel.js';
import { alertCommand, handoffCommand } from './commands/create-task.js';
import { downloadCommand } from './commands/download.js';
import { lsCommand } from './commands/ls.js';
import { mcpCommand } from './commands/mcp.js';
import { mvCommand } from './commands/mv.js';
import { postCommand } from './commands/post.js';
import { readCommand } from './commands/read.js';
import { recipeCommand } from './commands/recipe.js';
import { restoreCommand } from './commands/restore.js';
import { rmCommand } from './commands/rm.js';
import { statusCommand } from './commands/status.js';
import { taskActionCommands } from './commands/task-actions.js';
import { taskCommand, tasksCommand } from './commands/tasks.js';
import { tokenCommand } from './commands/token.js';
import { uploadCommand } from './commands/upload.js';
import { versionsCommand } from './commands/versions.js';
import { waitCommand } from './commands/wait.js';
import { whoamiCommand } from './commands/whoami.js';
import { workerCommand } from './commands/worker.js';
import { workspaceCommand } from './commands/workspace.js';
import { failureLine, oneLineErrors } from './failure.js';

/**
 * `serve` loads the whole hub (store, HTTP, MCP); the client commands must not pay for that on
 * every run, so it is loaded only when it may be needed: to run it, or to show help.
 */
async function serveCommand(): Promise<Command> {
  const first = process.argv[2];
  if (first === undefined || ['serve', 'help', '--help', '-h'].includes(first)) return (await import('./commands/serve.js')).serveCommand();
  return new Command('serve').description('run a hub');
}

const program = new Command('baton').description('The collaboration hub for multi-instance AI agents')
  .version(VERSION)
  // `baton --version` is the program's; `baton download x --version 2` is the document's.
  .enablePositionalOptions()
  .option('-w, --workspace <name>', 'the workspace for the command that follows (env BATON_WORKSPACE)')
  // `baton -w alpha post …` means the same as `baton post -w alpha …`; the command's own flag wins.
  .hook('preAction', () => {
    const workspace = program.opts<{ workspace?: string }>().workspace;
    if (workspace) process.env.BATON_WORKSPACE = workspace;
  });

for (const command of [
  await serveCommand(),
  mcpCommand(),
  statusCommand(),
  postCommand(),
  readCommand(),
  waitCommand(),
  uploadCommand(),
  downloadCommand(),
  lsCommand(),
  whoamiCommand(),
  channelCommand(),
  versionsCommand(),
  mvCommand(),
  rmCommand(),
  restoreCommand(),
  tasksCommand(),
  taskCommand(),
  handoffCommand(),
  alertCommand(),
  recipeCommand(),
  ...taskActionCommands(),
  workspaceCommand(),
  tokenCommand(),
  auditCommand(),
  workerCommand(),
]) {
  program.addCommand(command);
}
oneLineErrors(program);
// A reader that stops early (`baton read general | head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw error;
});

try {
  await program.parseAsync(process.argv);
} catch (error) {
  process.stderr.write(`${failureLine(error)}\n`);
  process.exitCode = 1;
}
