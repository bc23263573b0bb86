import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { connect } from '../connect.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit } from '../output.js';
import { readStdin } from '../stdin.js';

interface PostFlags extends HubFlags {
  file?: string;
  replyTo?: string;
}

export function postCommand(): Command {
  return hubCommand('post', 'post a message: baton post general "✅ Complete: X" "body"')
    .argument('<channel>', 'general, alerts, handoffs, or any created channel')
    .argument('<title>', 'like "✅ Complete: X"')
    .argument('[body]', "markdown; '-' reads it from stdin")
    .option('--file <file>', 'read the body from a file')
    .option('--reply-to <message>', 'a message id: post into its thread')
    .action(async (channel: string, title: string, body: string | undefined, flags: PostFlags) => {
      const text = await bodyOf(body, flags.file);
      const client = await connect(flags);
      const posted = await client.post(channel, { title, body: text, ...(flags.replyTo ? { reply_to: flags.replyTo } : {}) });
      emit(flags.json, posted, (p) => `posted ${p.message.id} to #${p.message.channel}  ${p.message.web_url}`);
    });
}

async function bodyOf(body: string | undefined, file: string | undefined): Promise<string | undefined> {
  if (body !== undefined && file !== undefined) throw new Error('give the body as an argument or with --file, not both');
  if (file !== undefined) return readFile(file, 'utf8');
  return body === '-' ? readStdin() : body;
}
