import type { Command } from 'commander';
import { connect } from '../connect.js';
import { formatVersions } from '../format-documents.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit } from '../output.js';

export function versionsCommand(): Command {
  return hubCommand('versions', 'the versions of a document')
    .argument('<document>', 'an id, a path, or a web_url')
    .action(async (document: string, flags: HubFlags) => {
      const client = await connect(flags);
      emit(flags.json, await client.versions(document), formatVersions);
    });
}
