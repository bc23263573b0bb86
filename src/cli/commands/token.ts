import { Command } from 'commander';
import type { TokenView } from '../../client/admin-client.js';
import { connectAdmin, requestedWorkspace } from '../connect.js';
import { shown, table } from '../format-text.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit } from '../output.js';

interface CreateFlags extends HubFlags {
  role: string;
  name?: string;
  expires?: string;
}

interface ListFlags extends HubFlags {
  all?: boolean;
}

const row = (t: TokenView): string[] => [t.id, t.role, t.workspace ?? '*', t.state, t.expires_at ?? 'never', t.last_used_at ?? 'never', shown(t.name)];

/** `baton token create|list|revoke`: admin only. */
export function tokenCommand(): Command {
  const create = hubCommand('create', 'make a token (the secret is printed once)')
    .requiredOption('--role <role>', 'viewer, agent, coordinator or admin')
    .option('--name <name>', 'who or what it is for')
    .option('--expires <duration>', 'like 30d, 12h or never (default never)')
    .action(async (flags: CreateFlags) => {
      const admin = await connectAdmin(flags);
      const workspace = requestedWorkspace(flags.workspace);
      const created = await admin.createToken({ role: flags.role, ...(workspace ? { workspace } : {}), ...(flags.name ? { name: flags.name } : {}), ...(flags.expires ? { expires: flags.expires } : {}) });
      emit(flags.json, created, (r) => `${r.secret}\n${table([row(r.token)])}\nkeep the secret: it is not shown again`);
    });
  const list = hubCommand('list', 'list tokens (secrets are never shown)')
    .option('--all', 'include revoked tokens')
    .action(async (flags: ListFlags) => {
      const admin = await connectAdmin(flags);
      const { tokens } = await admin.tokens(flags.all);
      emit(flags.json, { tokens }, (r) => table([['ID', 'ROLE', 'WORKSPACE', 'STATE', 'EXPIRES', 'LAST USED', 'NAME'], ...r.tokens.map(row)]));
    });
  const revoke = hubCommand('revoke', 'revoke a token at once')
    .argument('<id>', 'the token id (t-…)')
    .action(async (id: string, flags: HubFlags) => {
      const admin = await connectAdmin(flags);
      emit(flags.json, await admin.revokeToken(id), (r) => `revoked ${r.token.id} (${shown(r.token.name)})`);
    });
  return new Command('token').description('make, list and revoke tokens (admin)').addCommand(create).addCommand(list).addCommand(revoke);
}
