import { Command } from 'commander';
import { connectAdmin, requestedWorkspace } from '../connect.js';
import { shown, table } from '../format-text.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit } from '../output.js';

interface AuditFlags extends HubFlags {
  session?: string;
  tokenId?: string;
  action?: string;
  after?: string;
  limit?: string;
}

/** `baton audit`: who (token, session) did what to which item; admin only. */
export function auditCommand(): Command {
  return hubCommand('audit', 'read the audit log, newest first (admin)')
    .option('--session <id>', 'only what this session did')
    .option('--token-id <id>', 'only what this token did')
    .option('--action <name>', 'only this action, like message.post or token.create')
    .option('--after <id>', 'only entries after this id, oldest first')
    .option('--limit <n>', 'at most this many (default 100)')
    .action(async (flags: AuditFlags) => {
      const admin = await connectAdmin(flags);
      const workspace = requestedWorkspace(flags.workspace);
      const result = await admin.audit({ workspace, session: flags.session, token: flags.tokenId, action: flags.action, after: flags.after, limit: flags.limit });
      emit(flags.json, result, (r) =>
        table(r.entries.map((e) => [String(e.id), e.timestamp, e.outcome, e.action, shown(e.target ?? '-'), e.workspace ?? '*', `${shown(e.token_name)}${e.session_id ? ` ${e.session_id}` : ''}`])),
      );
    });
}
