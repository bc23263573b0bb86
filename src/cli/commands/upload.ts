import { Command, Option } from 'commander';
import type { UploadTarget } from '../../client/document-transfer.js';
import type { HubClient } from '../../client/hub-client.js';
import { connect } from '../connect.js';
import { formatUploaded } from '../format-documents.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { numberOf } from '../numbers.js';
import { emit } from '../output.js';

interface UploadFlags extends HubFlags {
  path?: string;
  folder?: string;
  ifMatch?: string;
  contentType?: string;
}

export function uploadCommand(): Command {
  return hubCommand('upload', 'upload a file as a document (a new version when the path exists)')
    .argument('<file>', "the file; '-' reads stdin (then --path is needed)")
    .addOption(new Option('--path <path>', 'the document path, like Amplifier/shared/x.md').conflicts('folder'))
    .option('--folder <folder>', 'the folder to put the file in, under its own name')
    .option('--if-match <version>', 'only if the current version is this one (0: only if new)')
    .option('--content-type <type>', 'the media type (default: from the name)')
    .action(async (file: string, flags: UploadFlags) => {
      const client = await connect(flags);
      emit(flags.json, await send(client, file, targetOf(flags)), formatUploaded);
    });
}

function targetOf(flags: UploadFlags): UploadTarget {
  const ifMatch = numberOf(flags.ifMatch);
  return {
    ...(flags.path !== undefined ? { path: flags.path } : {}),
    ...(flags.folder !== undefined ? { folder_path: flags.folder } : {}),
    ...(ifMatch !== undefined ? { if_match: ifMatch } : {}),
    ...(flags.contentType !== undefined ? { content_type: flags.contentType } : {}),
  };
}

function send(client: HubClient, file: string, target: UploadTarget) {
  if (file !== '-') return client.uploadFile(file, target);
  if (!target.path) throw new Error("uploading stdin ('-') needs --path");
  return client.uploadStream(process.stdin, target);
}
