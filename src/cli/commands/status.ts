import type { Command } from 'commander';
import { connect } from '../connect.js';
import { formatStatus } from '../format-status.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit } from '../output.js';

export function statusCommand(): Command {
  return hubCommand('status', 'channels with your unread counts, and the sessions online').action(async (flags: HubFlags) => {
    const client = await connect(flags);
    emit(flags.json, await client.status(), formatStatus);
  });
}
