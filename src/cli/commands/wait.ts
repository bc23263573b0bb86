import type { Command } from 'commander';
import { connect } from '../connect.js';
import { formatWait } from '../format-messages.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { numberOf } from '../numbers.js';
import { emit } from '../output.js';

interface WaitFlags extends HubFlags {
  since?: string;
  title?: string;
  timeout?: string;
  limit?: string;
}

export function waitCommand(): Command {
  return hubCommand('wait', 'wait for a new message in one or more channels')
    .argument('<channel...>')
    .option('--since <cursor>', 'after a cursor or message id (default: what you have not read yet)')
    .option('--title <pattern>', "only titles matching a pattern, like '^✅'")
    .option('--timeout <seconds>', 'give up after this long (default 30)')
    .option('--limit <n>', 'at most this many messages')
    .action(async (channels: string[], flags: WaitFlags) => {
      const client = await connect(flags);
      const timeout = numberOf(flags.timeout);
      const outcome = await client.wait(channels, { since: flags.since, title: flags.title, timeout, limit: numberOf(flags.limit) });
      emit(flags.json, outcome, (o) => formatWait(o, timeout));
    });
}
