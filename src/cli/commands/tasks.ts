import type { Command } from 'commander';
import { connect } from '../connect.js';
import { formatTask, formatTaskList } from '../format-tasks.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { numberOf } from '../numbers.js';
import { emit } from '../output.js';

interface ListFlags extends HubFlags {
  state?: string;
  kind?: 'handoff' | 'alert';
  label?: string;
  mine?: boolean;
  channel?: string;
  limit?: string;
}

export function tasksCommand(): Command {
  return hubCommand('tasks', 'list handoffs and alerts: baton tasks --state open --label reviewer')
    .option('--state <state>', 'open, claimed, completed, failed, cancelled, acknowledged, resolved')
    .option('--kind <kind>', 'handoff or alert')
    .option('--label <label>', 'only tasks wanting this kind of instance')
    .option('--mine', 'only what you hold')
    .option('--channel <channel>', 'only tasks posted in this channel')
    .option('--limit <n>', 'how many (default 50)')
    .action(async (flags: ListFlags) => {
      const client = await connect(flags);
      const tasks = await client.tasks({
        state: flags.state,
        kind: flags.kind,
        label: flags.label,
        mine: flags.mine,
        channel: flags.channel,
        limit: numberOf(flags.limit),
      });
      emit(flags.json, { tasks }, formatTaskList);
    });
}

export function taskCommand(): Command {
  return hubCommand('task', 'show one handoff or alert, with its state and holder')
    .argument('<id>', 'the task id (its message id)')
    .action(async (id: string, flags: HubFlags) => {
      const client = await connect(flags);
      emit(flags.json, { task: await client.task(id) }, (r) => formatTask(r.task));
    });
}
