import { Command } from 'commander';
import { connectAdmin } from '../connect.js';
import { table } from '../format-text.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit } from '../output.js';

interface TrustFlags extends HubFlags {
  trust?: string;
}

/** `baton workspace create|list|set|delete`. */
export function workspaceCommand(): Command {
  const create = hubCommand('create', 'create a workspace with its general, alerts and handoffs channels (admin)')
    .argument('<name>', '1-40 of a-z, 0-9, - and _')
    .option('--trust <level>', 'fenced (default: peer text in MCP results is marked as data) or trusted')
    .action(async (name: string, flags: TrustFlags) => {
      const admin = await connectAdmin(flags);
      emit(flags.json, await admin.createWorkspace(name, flags.trust), (r) => `created workspace ${r.workspace.name} (trust: ${r.workspace.trust})`);
    });
  const list = hubCommand('list', 'list the workspaces this token may see').action(async (flags: HubFlags) => {
    const admin = await connectAdmin(flags);
    emit(flags.json, await admin.workspaces(), (r) => table([['NAME', 'TRUST', 'CREATED'], ...r.workspaces.map((w) => [w.name, w.trust, w.created_at])]));
  });
  const set = hubCommand('set', "change a workspace's settings (admin)")
    .argument('<name>', 'the workspace')
    .requiredOption('--trust <level>', 'fenced or trusted')
    .action(async (name: string, flags: TrustFlags) => {
      const admin = await connectAdmin(flags);
      emit(flags.json, await admin.updateWorkspace(name, flags.trust!), (r) => `workspace ${r.workspace.name}: trust ${r.workspace.trust}`);
    });
  const remove = hubCommand('delete', 'delete a workspace, its data and its tokens (admin)')
    .argument('<name>', 'the workspace')
    .action(async (name: string, flags: HubFlags) => {
      const admin = await connectAdmin(flags);
      emit(flags.json, await admin.deleteWorkspace(name), (r) => `deleted workspace ${r.deleted}`);
    });
  return new Command('workspace').description('create, list, change and delete workspaces').addCommand(create).addCommand(list).addCommand(set).addCommand(remove);
}
