import type { Step, StepType } from './model.js';
import { problemAt } from './positions.js';
import type { Problem } from './recipe-error.js';
import { RESERVED } from './scope.js';

/** Step ids are named in templates (`{{steps.<id>.result}}`), so they keep to what a template segment allows. */
export const STEP_ID_RULE = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;
/** Names a step assigns (`output`, `collect`, `as`, `update_context` keys) become template variables. */
export const NAME_RULE = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/** The rules one step must keep on its own, whatever the steps around it. */
export function stepProblems(step: Step): Problem[] {
  const problems: Problem[] = [];
  const report = (key: string, message: string) => problems.push(problemAt(step, step.id, key, message));
  if (!STEP_ID_RULE.test(step.id)) report('id', 'must be letters, digits, _ or -, starting with a letter, digit or _, so {{steps.<id>.result}} can name it');
  checkType(step, report);
  checkLoops(step, report);
  checkLimits(step, report);
  checkNames(step, report);
  return problems;
}

type Report = (key: string, message: string) => void;

const NEEDS: Record<StepType, { key: 'prompt' | 'command' | 'recipe'; what: string }> = {
  agent: { key: 'prompt', what: 'an agent step needs a prompt (what the instance that claims it should do)' },
  bash: { key: 'command', what: 'a bash step needs a command' },
  recipe: { key: 'recipe', what: "a recipe step needs recipe (the sub-recipe's path)" },
};

/** Keys that belong to one type of step only; on another type they would be silently ignored. */
const ONLY_FOR: [key: string, type: StepType, isSet: (s: Step) => boolean][] = [
  ['prompt', 'agent', (s) => s.prompt !== null],
  ['agent', 'agent', (s) => s.agent !== null],
  ['claim_deadline', 'agent', (s) => s.claimDeadlineSeconds !== null],
  ['command', 'bash', (s) => s.command !== null],
  ['cwd', 'bash', (s) => s.cwd !== null],
  ['env', 'bash', (s) => Object.keys(s.env).length > 0],
  ['recipe', 'recipe', (s) => s.recipe !== null],
  ['context', 'recipe', (s) => Object.keys(s.recipeContext).length > 0],
];

function checkType(step: Step, report: Report): void {
  const need = NEEDS[step.type];
  if ((step[need.key] ?? '').trim() === '') report(need.key, need.what);
  for (const [key, type, isSet] of ONLY_FOR) {
    if (type !== step.type && isSet(step)) report(key, `applies to ${type} steps only; this is ${article(step.type)} step (set type: ${type}?)`);
  }
}

function checkLoops(step: Step, report: Report): void {
  if (step.foreach === null) {
    if (step.parallel !== false) report('parallel', 'applies to a foreach step only');
    if (step.collect !== null) report('collect', 'applies to a foreach step only');
    if (step.as !== 'item') report('as', 'applies to a foreach step only');
    if (step.barrier.require !== 'all' || step.barrier.timeoutSeconds !== null) report('barrier', "waits for a foreach's results; this step has no foreach");
  }
  if (typeof step.parallel === 'number') positiveWhole(step.parallel, 'parallel', report, ' (how many iterations at once), or true or false');
  if (step.whileCondition === null) {
    if (step.breakWhen !== null) report('break_when', 'applies to a while loop only (add while_condition)');
    if (Object.keys(step.updateContext).length > 0) report('update_context', 'applies to a while loop only (add while_condition)');
  }
}

function checkLimits(step: Step, report: Report): void {
  positiveWhole(step.maxIterations, 'max_iterations', report);
  positiveWhole(step.maxWhileIterations, 'max_while_iterations', report);
  positive(step.timeoutSeconds, 'timeout', report);
  if (step.claimDeadlineSeconds !== null) positive(step.claimDeadlineSeconds, 'claim_deadline', report);
  if (step.retry) {
    positiveWhole(step.retry.maxAttempts, 'retry.max_attempts', report);
    if (step.retry.initialDelaySeconds < 0) report('retry.initial_delay', 'must be 0 or more seconds');
    if (step.retry.maxDelaySeconds < step.retry.initialDelaySeconds) report('retry.max_delay', 'must be at least initial_delay');
  }
  const { require, timeoutSeconds } = step.barrier;
  if (typeof require === 'object') {
    positiveWhole(require.atLeast, 'barrier.require', report, ', or all or any');
    if (require.atLeast > step.maxIterations) {
      report('barrier.require', `asks for ${require.atLeast} results, but max_iterations allows only ${step.maxIterations}`);
    }
  }
  if (timeoutSeconds !== null) positive(timeoutSeconds, 'barrier.timeout', report);
}

function checkNames(step: Step, report: Report): void {
  const names: [string, string | null][] = [
    ['output', step.output],
    ['collect', step.collect],
    ['as', step.as],
    ...Object.keys(step.updateContext).map((name): [string, string] => [`update_context.${name}`, name]),
  ];
  for (const [key, name] of names) {
    if (name === null) continue;
    if (!NAME_RULE.test(name)) report(key, `"${name}" must be letters, digits, _ or -, starting with a letter or _`);
    else if ((RESERVED as readonly string[]).includes(name)) report(key, `"${name}" is reserved (${RESERVED.join(', ')})`);
  }
}

function positiveWhole(value: number, key: string, report: Report, or = ''): void {
  if (!Number.isInteger(value) || value < 1) report(key, `must be a whole number of 1 or more${or}, not ${value}`);
}

function positive(value: number, key: string, report: Report): void {
  if (!(value > 0)) report(key, `must be more than 0 seconds, not ${value}`);
}

const article = (word: string): string => (/^[aeiou]/.test(word) ? `an ${word}` : `a ${word}`);
