import { Command } from 'commander';
import { connect } from '../connect.js';
import { shown, table } from '../format-text.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit } from '../output.js';

interface CreateFlags extends HubFlags {
  description?: string;
}

export function channelCommand(): Command {
  const create = hubCommand('create', 'create a channel')
    .argument('<name>', 'a-z, 0-9, - and _')
    .option('--description <text>', 'what the channel is for')
    .action(async (name: string, flags: CreateFlags) => {
      const client = await connect(flags);
      const channel = await client.createChannel(name, flags.description);
      emit(flags.json, { success: true, channel }, (r) => `created #${r.channel.name}  ${r.channel.web_url}`);
    });
  const list = hubCommand('list', 'list the channels').action(async (flags: HubFlags) => {
    const client = await connect(flags);
    emit(flags.json, { channels: await client.channels() }, (r) => table(r.channels.map((c) => [`#${c.name}`, shown(c.description)])));
  });
  return new Command('channel').description('create or list channels').addCommand(create).addCommand(list);
}
