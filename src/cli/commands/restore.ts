import type { Command } from 'commander';
import { connect } from '../connect.js';
import { formatDocument } from '../format-documents.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit } from '../output.js';

export function restoreCommand(): Command {
  return hubCommand('restore', 'restore a deleted document')
    .argument('<document>', 'its id (d-…)')
    .action(async (document: string, flags: HubFlags) => {
      const client = await connect(flags);
      emit(flags.json, await client.restore(document), (r) => `restored ${formatDocument(r.document)}`);
    });
}
