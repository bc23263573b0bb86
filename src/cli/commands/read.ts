import type { Command } from 'commander';
import type { ReadOptions } from '../../client/call-options.js';
import { connect } from '../connect.js';
import { formatRead } from '../format-messages.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { numberOf } from '../numbers.js';
import { emit } from '../output.js';

interface ReadFlags extends HubFlags {
  limit?: string;
  since?: string;
  unread?: boolean;
  thread?: string;
  maxChars?: string;
}

export function readCommand(): Command {
  return hubCommand('read', 'read a channel: the latest messages, after a cursor, a thread, or what is unread')
    .argument('<channel>')
    .option('--limit <n>', 'how many messages (default 20)')
    .option('--since <cursor>', 'everything after a cursor or message id')
    .option('--unread', 'only what you have not read yet')
    .option('--thread <message>', 'one thread, by a message id in it')
    .option('--max-chars <n>', 'bound on the characters returned')
    .action(async (channel: string, flags: ReadFlags) => {
      const client = await connect(flags);
      emit(flags.json, await client.read(channel, readOptions(flags)), formatRead);
    });
}

function readOptions(flags: ReadFlags): ReadOptions {
  return {
    limit: numberOf(flags.limit),
    since: flags.since,
    unread: flags.unread,
    thread: flags.thread,
    max_chars: numberOf(flags.maxChars),
  };
}
