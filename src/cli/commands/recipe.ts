import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { connectRuns } from '../connect.js';
import { formatRun, runLine, stepLine } from '../format-runs.js';
import { hubCommand, type HubFlags } from '../hub-flags.js';
import { emit, print } from '../output.js';
import { repeatable } from '../repeatable.js';
import { loadRecipe, loadRecipeFile } from '../../recipes/load.js';
import { formatProblems, validateRecipe } from '../../recipes/validate.js';
import { resumeRun, startRun, type RunnerOptions } from '../../recipes/runner/run-recipe.js';
import type { HubClient } from '../../client/hub-client.js';
import type { RunLogClient, RunStatus } from '../../client/run-log-client.js';
import type { Recipe } from '../../recipes/model.js';

interface RunFlags extends HubFlags {
  input?: string[];
}

/** `baton recipe …`: run recipes across the team's instances, and follow, resume, cancel or approve runs. */
export function recipeCommand(): Command {
  return new Command('recipe')
    .description('run a recipe across instances: agent steps become handoffs that workers take')
    .addCommand(runCommand())
    .addCommand(validateCommand())
    .addCommand(statusCommand())
    .addCommand(listCommand())
    .addCommand(resumeCommand())
    .addCommand(cancelCommand())
    .addCommand(decisionCommand('approve'))
    .addCommand(decisionCommand('deny'));
}

function runCommand(): Command {
  return hubCommand('run', 'run a recipe file: stored in the hub as it goes, so it can be resumed')
    .argument('<file>', 'the recipe (YAML)')
    .option('--input <key=value>', 'an input or context value; JSON values are parsed (repeatable)', repeatable)
    .action(async (file: string, flags: RunFlags) => {
      const text = await readFile(file, 'utf8');
      const inputs = inputsOf(flags.input);
      const recipe = loadRecipe(text, file);
      if (refused(recipe, inputs, file)) return;
      const { client, runs } = await connectRuns(flags);
      await following(flags, client, runs, (options) => startRun(options, file, text, recipe, inputs));
    });
}

function resumeCommand(): Command {
  return hubCommand('resume', 'continue a run whose runner stopped: finished steps are not run again, handoffs out are waited on')
    .argument('<run>', 'the run id (r-…)')
    .action(async (id: string, flags: HubFlags) => {
      const { client, runs } = await connectRuns(flags);
      const run = await runs.get(id);
      const recipe = loadRecipe(run.text, run.source);
      if (refused(recipe, run.inputs, run.source)) return;
      await following(flags, client, runs, (options) => resumeRun(options, run, recipe));
    });
}

/** Runs with a progress line per step change; Ctrl-C stops the runner and leaves the run to be resumed. */
async function following(flags: HubFlags, client: HubClient, runs: RunLogClient, go: (options: RunnerOptions) => Promise<unknown>): Promise<void> {
  const stop = new AbortController();
  const interrupt = () => stop.abort(new Error('interrupted'));
  process.once('SIGINT', interrupt).once('SIGTERM', interrupt);
  const options: RunnerOptions = {
    client,
    log: runs,
    load: loadRecipeFile,
    signal: stop.signal,
    onStep: (s) => process.stderr.write(`${stepLine(s)}\n`),
    onApproval: (id, stage, prompt) => process.stderr.write(`  ⏸ ${stage}: ${prompt}  (baton recipe approve ${id}, or deny)\n`),
  };
  const ended = (await go(options)) as RunStatus;
  const run = await runs.get(ended.id);
  emit(flags.json, run, formatRun);
  if (stop.signal.aborted) process.stderr.write(`stopped; continue with: baton recipe resume ${run.id}\n`);
  process.exitCode = run.state === 'completed' ? 0 : 1;
}

function validateCommand(): Command {
  return new Command('validate')
    .description('check a recipe file without running it')
    .argument('<file>', 'the recipe (YAML)')
    .option('--input <key=value>', 'an input value (repeatable)', repeatable)
    .action(async (file: string, flags: { input?: string[] }) => {
      if (!refused(await loadRecipeFile(file), inputsOf(flags.input), file)) print(`${file}: ok`);
    });
}

function statusCommand(): Command {
  return hubCommand('status', 'a run: its steps, the handoffs out and who holds them, its outputs')
    .argument('<run>', 'the run id (r-…)')
    .action(async (id: string, flags: HubFlags) => {
      const { runs } = await connectRuns(flags);
      emit(flags.json, await runs.get(id), formatRun);
    });
}

function listCommand(): Command {
  return hubCommand('list', 'the latest runs')
    .option('--state <state>', 'running, paused_for_approval, completed, failed or cancelled')
    .action(async (flags: HubFlags & { state?: RunStatus['state'] }) => {
      const { runs } = await connectRuns(flags);
      emit(flags.json, await runs.list(flags.state ? { state: flags.state } : {}), (list) => (list.length ? list.map(runLine).join('\n') : 'no runs'));
    });
}

function cancelCommand(): Command {
  return hubCommand('cancel', 'cancel a run and the handoffs it has out')
    .argument('<run>', 'the run id (r-…)')
    .option('--reason <text>', 'why')
    .action(async (id: string, flags: HubFlags & { reason?: string }) => {
      const { runs } = await connectRuns(flags);
      emit(flags.json, await runs.cancel(id, flags.reason), (c) => `cancelled ${c.run.id}${c.cancelledTasks.length ? ` and ${c.cancelledTasks.join(', ')}` : ''}`);
    });
}

function decisionCommand(decision: 'approve' | 'deny'): Command {
  return hubCommand(decision, `${decision} the stage a run waits on`)
    .argument('<run>', 'the run id (r-…)')
    .option('--reason <text>', 'why')
    .action(async (id: string, flags: HubFlags & { reason?: string }) => {
      const { runs } = await connectRuns(flags);
      emit(flags.json, await runs.decide(id, decision, flags.reason), (r) => `${decision === 'approve' ? 'approved' : 'denied'} stage ${r.approval?.stage} of ${r.id}`);
    });
}

/** `--input a=1 --input b=text`: JSON where it parses, text otherwise. */
function inputsOf(pairs: string[] = []): Record<string, unknown> {
  return Object.fromEntries(
    pairs.map((pair) => {
      const eq = pair.indexOf('=');
      if (eq <= 0) throw new Error(`--input: '${pair}' must be key=value`);
      const raw = pair.slice(eq + 1);
      try {
        return [pair.slice(0, eq), JSON.parse(raw) as unknown];
      } catch {
        return [pair.slice(0, eq), raw];
      }
    }),
  );
}

/** True when the recipe does not validate: every problem (step and key) is printed, one a line, and the exit code is 1. */
function refused(recipe: Recipe, inputs: Record<string, unknown>, file: string): boolean {
  const problems = validateRecipe(recipe, inputs);
  if (problems.length === 0) return false;
  process.stderr.write(`${formatProblems(problems, file)}\n`);
  process.exitCode = 1;
  return true;
}
