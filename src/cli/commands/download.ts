import { pipeline } from 'node:stream/promises';
import type { Command } from 'commander';
import type { HubClient } from '../../client/hub-client.js';
import { connect } from '../connect.js';
import { bytes } from '../format-text.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { numberOf } from '../numbers.js';
import { emit, printJson } from '../output.js';

interface DownloadFlags extends HubFlags {
  out?: string;
  version?: string;
}

export function downloadCommand(): Command {
  return hubCommand('download', 'download a document (by id, path or web_url) to a file or stdout')
    .argument('<document>', 'an id (d-…), a path, or a web_url')
    .option('--out <file>', "write to this file (default: stdout; '-' too)")
    .option('--version <n>', 'a version other than the current one')
    .action(async (document: string, flags: DownloadFlags) => {
      const client = await connect(flags);
      const version = numberOf(flags.version);
      const options = version !== undefined ? { version } : {};
      if (flags.out && flags.out !== '-') {
        const saved = await client.download(document, flags.out, options);
        emit(flags.json, { success: true, ...saved }, (s) => `downloaded ${s.name} v${s.version} (${bytes(s.size)}) to ${s.file}`);
      } else if (flags.json) {
        printJson(await client.downloadText(document, options));
      } else {
        await toStdout(client, document, options);
      }
    });
}

async function toStdout(client: HubClient, document: string, options: { version?: number }): Promise<void> {
  const opened = await client.openDownload(document, options);
  try {
    await pipeline(opened.body, process.stdout, { end: false });
  } catch (error) {
    // The reader took what it wanted (`| head`); that is not a failure of the download.
    if ((error as NodeJS.ErrnoException).code !== 'EPIPE') throw error;
  }
}
