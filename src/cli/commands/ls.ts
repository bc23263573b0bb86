import type { Command } from 'commander';
import { connect } from '../connect.js';
import { formatListing } from '../format-documents.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { numberOf } from '../numbers.js';
import { emit } from '../output.js';

interface LsFlags extends HubFlags {
  recursive?: boolean;
  limit?: string;
}

export function lsCommand(): Command {
  return hubCommand('ls', 'list a folder of documents (the top by default)')
    .argument('[folder]', 'like Amplifier/shared', '')
    .option('-r, --recursive', 'every document below the folder')
    .option('--limit <n>', 'at most this many documents (default 200)')
    .action(async (folder: string, flags: LsFlags) => {
      const client = await connect(flags);
      const recursive = flags.recursive === true;
      const listing = await client.listDocuments(folder, { recursive, limit: numberOf(flags.limit) });
      emit(flags.json, listing, (l) => formatListing(l, recursive));
    });
}
