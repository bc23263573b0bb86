import type { Command } from 'commander';
import type { Priority, Severity } from '../../client/task-options.js';
import { connect } from '../connect.js';
import { formatCreated } from '../format-tasks.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit } from '../output.js';
import { repeatable } from '../repeatable.js';

interface HandoffFlags extends HubFlags {
  context?: string[];
  scope?: string;
  nextStep?: string[];
  priority?: Priority;
  label?: string[];
  assignee?: string;
  channel?: string;
}

export function handoffCommand(): Command {
  return hubCommand('handoff', 'hand off a task: posts 🔄 Handoff in handoffs, open for the first claim')
    .argument('<task>', 'what is to be done')
    .option('--context <link>', 'a document link (repeatable)', repeatable)
    .option('--scope <text>', 'what is in and out of scope')
    .option('--next-step <text>', 'a next step (repeatable)', repeatable)
    .option('--priority <priority>', 'low, normal, high or urgent')
    .option('--label <label>', 'the kind of instance it wants, like reviewer (repeatable)', repeatable)
    .option('--assignee <session>', 'give it straight to a session (its id)')
    .option('--channel <channel>', 'post it in another channel than handoffs')
    .action(async (task: string, flags: HandoffFlags) => {
      const client = await connect(flags);
      const created = await client.handoff({
        task,
        context: flags.context,
        scope: flags.scope,
        next_steps: flags.nextStep,
        priority: flags.priority,
        labels: flags.label,
        assignee: flags.assignee,
        channel: flags.channel,
      });
      emit(flags.json, created, formatCreated);
    });
}

interface AlertFlags extends HubFlags {
  severity?: Severity;
  context?: string[];
}

export function alertCommand(): Command {
  return hubCommand('alert', 'raise an alert: posts 🚨 in alerts, open until someone acknowledges it')
    .argument('<task>', 'what is wrong')
    .option('--severity <severity>', 'low, medium, high or critical (default medium)')
    .option('--context <link>', 'a document link (repeatable)', repeatable)
    .action(async (task: string, flags: AlertFlags) => {
      const client = await connect(flags);
      emit(flags.json, await client.alert({ task, severity: flags.severity, context: flags.context }), formatCreated);
    });
}
