import type { Command } from 'commander';
import { Worker } from '../../worker/worker.js';
import { registerWorker } from '../../worker/worker-hub.js';
import { WorkerLog } from '../../worker/worker-log.js';
import { workerOptionsOf } from '../../worker/worker-options.js';
import { reachHub } from '../connect.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { print } from '../output.js';
import { repeatable } from '../repeatable.js';

interface WorkerFlags extends HubFlags {
  exec?: string;
  concurrency?: string;
  label?: string[];
  name?: string;
  lease?: string;
}

export function workerCommand(): Command {
  return hubCommand('worker', 'turn a command into an instance that takes handoffs: claim, run it with the prompt, complete or fail')
    .option('--exec <command>', 'run through the shell for each handoff: the prompt on stdin, the task in BATON_TASK_* variables')
    .option('--concurrency <n>', 'handoffs held at once (default 1)')
    .option('--label <label>', 'take handoffs with this label (repeatable; default: every handoff)', repeatable)
    .option('--name <name>', 'the session name (same as --as; default worker-<host>-<pid>)')
    .option('--lease <seconds>', "the lease each claim asks for, renewed at a third of it (default: the hub's)")
    .action(async (flags: WorkerFlags) => {
      // Checked before the hub is reached: a typo costs nothing and leaves nothing behind.
      const options = workerOptionsOf({ ...flags, name: flags.name ?? flags.as });
      const { url, token, workspace } = await reachHub(flags);
      const hub = await registerWorker({ url, ...(token ? { token } : {}), ...(workspace ? { workspace } : {}) }, options.name);
      const worker = new Worker(hub, options, new WorkerLog(print, flags.json));
      stopOnSignals(worker);
      await worker.run();
    });
}

/** The first Ctrl-C (or SIGTERM) stops gently, giving every task back; a second one leaves at once. */
function stopOnSignals(worker: Worker): void {
  let asked = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!asked) {
      asked = true;
      void worker.stop(signal);
      return;
    }
    worker.kill();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
}
