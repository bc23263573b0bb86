import type { Command } from 'commander';
import { connect } from '../connect.js';
import { shown } from '../format-text.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit } from '../output.js';

export function rmCommand(): Command {
  return hubCommand('rm', 'delete a document (it can be restored)')
    .argument('<document>', 'an id, a path, or a web_url')
    .action(async (document: string, flags: HubFlags) => {
      const client = await connect(flags);
      const deleted = await client.delete(document);
      emit(flags.json, deleted, (d) => `deleted ${shown(d.path)} (${d.deleted}): baton restore ${d.deleted} brings it back`);
    });
}
