import { Command } from 'commander';

/** The options every command that talks to a hub takes. */
export interface HubFlags {
  url?: string;
  token?: string;
  workspace?: string;
  as?: string;
  json?: boolean;
  /** False with --no-start. */
  start: boolean;
}

/** A command that talks to a hub, with the shared options. */
export function hubCommand(name: string, description: string): Command {
  return new Command(name)
    .description(description)
    .option('--url <url>', 'the hub (env BATON_URL; default http://127.0.0.1:7420)')
    .option('--token <token>', 'the bearer token (env BATON_TOKEN; default: the local hub\'s admin token)')
    .option('-w, --workspace <name>', 'the workspace (env BATON_WORKSPACE; default: default)')
    .option('--as <name>', 'the session name to act as (env BATON_NAME; default user@host)')
    .option('--json', "print the hub's JSON")
    .option('--no-start', 'do not start a local hub when none answers');
}
