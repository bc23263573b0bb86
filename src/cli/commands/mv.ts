import type { Command } from 'commander';
import { connect } from '../connect.js';
import { formatDocument } from '../format-documents.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit } from '../output.js';

export function mvCommand(): Command {
  return hubCommand('mv', 'move a document to another path')
    .argument('<document>', 'an id, a path, or a web_url')
    .argument('<to>', 'the new path')
    .action(async (document: string, to: string, flags: HubFlags) => {
      const client = await connect(flags);
      emit(flags.json, await client.move(document, to), (m) => `moved to ${formatDocument(m.document)}`);
    });
}
