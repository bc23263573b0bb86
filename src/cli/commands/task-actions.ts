import type { Command } from 'commander';
import type { HubClient } from '../../client/hub-client.js';
import type { TaskOutcome } from '../../client/wire-types.js';
import { connect } from '../connect.js';
import { formatOutcome } from '../format-tasks.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { numberOf } from '../numbers.js';
import { emit } from '../output.js';
import { repeatable } from '../repeatable.js';

interface ActionFlags extends HubFlags {
  lease?: string;
  claim?: string;
  reason?: string;
  result?: string;
  link?: string[];
}

type Run = (client: HubClient, id: string, flags: ActionFlags, extra: string | undefined) => Promise<TaskOutcome>;

/** A task action: one call, the outcome printed as the other commands print theirs. */
function actionCommand(name: string, description: string, run: Run): Command {
  return hubCommand(name, description)
    .argument('<id>', 'the task id (its message id)')
    .action(async (id: string, ...rest: unknown[]) => {
      const [extra, flags] = rest.length > 2 ? [rest[0] as string, rest[1] as ActionFlags] : [undefined, rest[0] as ActionFlags];
      const client = await connect(flags);
      emit(flags.json, await run(client, id, flags, extra), formatOutcome);
    });
}

const lease = (c: Command) => c.option('--lease <seconds>', 'how long the claim lasts (default 15 minutes)');
const claimFlag = (c: Command) => c.option('--claim <n>', 'your claim number: refused if it is no longer current');

export function taskActionCommands(): Command[] {
  return [
    lease(actionCommand('claim', 'claim a handoff: first claim wins, others are refused', (c, id, f) => c.claim(id, numberOf(f.lease)))),
    claimFlag(lease(actionCommand('renew', 'extend the lease on a handoff you hold', (c, id, f) => c.renew(id, { lease_seconds: numberOf(f.lease), claim: numberOf(f.claim) })))),
    actionCommand('release', 'give a handoff back: open again for others', (c, id, f) => c.release(id, f.reason)).option('--reason <text>', 'why'),
    claimFlag(
      actionCommand('complete', 'complete a handoff you hold: posts ✅ Complete to general and in its thread', (c, id, f) =>
        c.complete(id, { result: f.result, links: f.link, claim: numberOf(f.claim) }),
      )
        .option('--result <text>', 'what came of it')
        .option('--link <url>', 'a result document link (repeatable)', repeatable),
    ),
    actionCommand('fail', 'give up on a handoff you hold: posts 🚨 Blocked to alerts', (c, id, f) => c.fail(id, f.reason ?? '')).requiredOption('--reason <text>', 'what blocks it'),
    actionCommand('cancel', 'cancel a task (coordinator)', (c, id, f) => c.cancel(id, f.reason)).option('--reason <text>', 'why'),
    actionCommand('reassign', 'give a handoff to another session (coordinator)', (c, id, _f, to) => c.reassign(id, to ?? '')).argument('<session>', 'the session id to give it to'),
    actionCommand('ack', 'acknowledge an alert (✋ Investigating): first one wins', (c, id) => c.ack(id)),
    actionCommand('resolve', 'resolve an alert', (c, id, f) => c.resolve(id, f.result)).option('--result <text>', 'what fixed it'),
  ];
}
