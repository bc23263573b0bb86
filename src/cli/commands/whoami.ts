import type { Command } from 'commander';
import { connect } from '../connect.js';
import { formatSession } from '../format-status.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit } from '../output.js';

export function whoamiCommand(): Command {
  return hubCommand('whoami', 'the session this command line acts as').action(async (flags: HubFlags) => {
    const client = await connect(flags);
    emit(flags.json, { session: await client.whoami() }, (r) => `${formatSession(r.session)}\nhub ${client.url}`);
  });
}
