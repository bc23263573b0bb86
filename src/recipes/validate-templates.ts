import { conditionTemplates, parseCondition } from './condition-parse.js';
import type { Recipe, Step } from './model.js';
import { problemAt } from './positions.js';
import { isRecipeError, type Problem } from './recipe-error.js';
import { DYNAMIC, isRecord, lookup, recipeVariable, type Scope } from './scope.js';
import { parseTemplate, singlePlaceholder, type Placeholder } from './template.js';
import { jsonStructureOf, kindOf } from './values.js';

type Report = (key: string, message: string) => void;

/**
 * Checks every template and condition against the variables that can exist when it is rendered:
 * the context (and the caller's inputs), the reserved variables, what earlier steps produce, and
 * inside a foreach its `as` variable. Values known now (context values) are walked; values known
 * only at run time (step results, session) are trusted past their name.
 */
export function templateProblems(recipe: Recipe, given: Record<string, unknown>): Problem[] {
  const problems: Problem[] = [];
  let scope = startingScope(recipe, given);
  recipe.stages.forEach((stage, index) => {
    for (const step of stage.steps) {
      problems.push(...stepTemplateProblems(step, scope));
      scope = { ...scope, ...productsOf(step, scope) };
    }
    const prompt = stage.approval?.prompt;
    const report: Report = (key, message) => problems.push(problemAt(stage, null, `stages[${index}].${key}`, message, key));
    if (prompt) checkTemplate(prompt, scope, report, 'approval.prompt');
  });
  for (const [name, template] of Object.entries(recipe.outputs)) {
    checkTemplate(template, scope, (key, message) => problems.push(problemAt(recipe, null, key, message)), `outputs.${name}`);
  }
  return problems;
}

/** Declared inputs exist but are unknown until given; context values are known; the caller's values win. */
function startingScope(recipe: Recipe, given: Record<string, unknown>): Scope {
  const declared = Object.fromEntries(Object.keys(recipe.inputs).map((name) => [name, DYNAMIC]));
  return { ...declared, ...recipe.context, ...given, steps: {}, recipe: recipeVariable(recipe), session: DYNAMIC, step: DYNAMIC };
}

/** What a finished step leaves for later ones: its result under `steps.<id>`, and the keys it assigns. */
function productsOf(step: Step, scope: Scope): Record<string, unknown> {
  const assigned = [step.output, step.collect, ...Object.keys(step.updateContext)].filter((name): name is string => name !== null);
  const steps = isRecord(scope.steps) ? scope.steps : {};
  return { ...Object.fromEntries(assigned.map((name) => [name, DYNAMIC])), steps: { ...steps, [step.id]: DYNAMIC } };
}

function stepTemplateProblems(step: Step, before: Scope): Problem[] {
  const problems: Problem[] = [];
  const report: Report = (key, message) => problems.push(problemAt(step, step.id, key, message));
  if (step.condition !== null) checkCondition(step.condition, before, report, 'condition');
  if (step.foreach !== null) checkForeach(step.foreach, before, report);
  if (step.whileCondition !== null) checkCondition(step.whileCondition, before, report, 'while_condition');
  const inside = step.foreach === null ? before : { ...before, [step.as]: DYNAMIC };
  const texts: [string, string | null][] = [
    ['prompt', step.prompt],
    ['command', step.command],
    ['cwd', step.cwd],
    ['recipe', step.recipe],
    ...Object.entries(step.env).map(([name, value]): [string, string] => [`env.${name}`, value]),
    ...nestedTexts(step.recipeContext, 'context'),
  ];
  for (const [key, text] of texts) if (text !== null) checkTemplate(text, inside, report, key);
  // break_when and update_context are read after each round, when the step's own result exists.
  const after = { ...inside, ...productsOf(step, inside) };
  if (step.breakWhen !== null) checkCondition(step.breakWhen, after, report, 'break_when');
  for (const [name, text] of Object.entries(step.updateContext)) checkTemplate(text, after, report, `update_context.${name}`);
  return problems;
}

/** Every text inside a sub-recipe's context, however deep, with its dotted key. */
function nestedTexts(value: unknown, key: string): [string, string][] {
  if (typeof value === 'string') return [[key, value]];
  if (Array.isArray(value)) return value.flatMap((item, i) => nestedTexts(item, `${key}.${i}`));
  if (isRecord(value)) return Object.entries(value).flatMap(([name, item]) => nestedTexts(item, `${key}.${name}`));
  return [];
}

function checkTemplate(template: string, scope: Scope, report: Report, key: string): void {
  const placeholders = parsed(template, report, key);
  for (const placeholder of placeholders ?? []) staticValue(placeholder, scope, report, key);
}

function parsed(template: string, report: Report, key: string): Placeholder[] | null {
  try {
    return parseTemplate(template).filter((part): part is Placeholder => typeof part !== 'string');
  } catch (e) {
    if (!isRecipeError(e)) throw e;
    report(key, e.problems[0]!.message);
    return null;
  }
}

/** The value a placeholder has now (DYNAMIC when only the run will know), or undefined after reporting why it has none. */
function staticValue(placeholder: Placeholder, scope: Scope, report: Report, key: string): unknown {
  try {
    return lookup(scope, placeholder.path);
  } catch (e) {
    if (!isRecipeError(e)) throw e;
    report(key, e.problems[0]!.message);
    return undefined;
  }
}

function checkCondition(condition: string, scope: Scope, report: Report, key: string): void {
  try {
    for (const template of conditionTemplates(parseCondition(condition))) checkTemplate(template, scope, report, key);
  } catch (e) {
    if (!isRecipeError(e)) throw e;
    report(key, e.problems[0]!.message);
  }
}

/** A foreach must be one template; when its value is already known (a context value), it must be a list. */
function checkForeach(foreach: string, scope: Scope, report: Report): void {
  if (parsed(foreach, report, 'foreach') === null) return;
  const single = singlePlaceholder(foreach);
  if (!single) {
    if (!Array.isArray(jsonStructureOf(foreach))) report('foreach', `must be one template that resolves to a list, like {{files}}, not "${foreach}"`);
    return;
  }
  const value = staticValue(single, scope, report, 'foreach');
  if (value === undefined || value === DYNAMIC) return;
  if (single.filters.length > 0) report('foreach', `${single.text} makes text (a filter renders its value), not a list`);
  else if (!Array.isArray(value) && !(typeof value === 'string' && Array.isArray(jsonStructureOf(value)))) {
    report('foreach', `${single.text} must resolve to a list, but it is ${kindOf(value)}`);
  }
}
