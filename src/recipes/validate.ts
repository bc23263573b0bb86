import { VERSION_RULE } from './load.js';
import type { Recipe, Step } from './model.js';
import { lineOf, problemAt } from './positions.js';
import type { Problem } from './recipe-error.js';
import { declarationProblems, givenInputProblems } from './validate-inputs.js';
import { stepProblems } from './validate-step.js';
import { templateProblems } from './validate-templates.js';

export { formatProblems } from './recipe-error.js';

/**
 * Everything that can be known wrong about a recipe before it runs, each problem naming the step
 * and key: ids, dependencies, each step's own rules, every template and condition against the
 * variables that will exist, and (when given) the caller's inputs. Returns all problems; none is fatal.
 */
export function validateRecipe(recipe: Recipe, inputs?: Record<string, unknown>): Problem[] {
  const problems = [
    ...recipeProblems(recipe),
    ...declarationProblems(recipe),
    ...idProblems(recipe),
    ...recipe.stages.flatMap((stage) => stage.steps.flatMap(stepProblems)),
    ...dependencyProblems(recipe),
    ...templateProblems(recipe, inputs ?? {}),
    ...(inputs ? givenInputProblems(recipe, inputs) : []),
  ];
  return unique(problems);
}

const stepsOf = (recipe: Recipe): Step[] => recipe.stages.flatMap((stage) => stage.steps);

function recipeProblems(recipe: Recipe): Problem[] {
  const problems: Problem[] = [];
  const report = (key: string | null, message: string) => problems.push(problemAt(recipe, null, key, message));
  if (recipe.dialect === 'amplifier' && recipe.version === null) report('version', "Amplifier's schema requires version, like 1.0.0");
  if (recipe.version !== null && !VERSION_RULE.test(recipe.version)) report('version', `must be MAJOR.MINOR.PATCH, like 1.0.0, not "${recipe.version}"`);
  if (stepsOf(recipe).length === 0) report(null, 'a recipe needs at least one step');
  const names = recipe.stages.map((stage) => stage.name);
  recipe.stages.forEach((stage, i) => {
    const inStage = (key: string, message: string) => problems.push(problemAt(stage, null, `stages[${i}].${key}`, message, key));
    if (recipe.stages.length > 1 && stage.name === null) inStage('name', 'each of several stages needs a name');
    else if (stage.name !== null && names.indexOf(stage.name) !== i) inStage('name', `"${stage.name}" names an earlier stage too`);
    const approval = stage.approval;
    if (approval?.required && approval.prompt.trim() === '') inStage('approval.prompt', 'a required approval needs a prompt');
    if (approval && approval.timeoutSeconds !== null && approval.timeoutSeconds < 0) inStage('approval.timeout', 'must be 0 (wait for ever) or more seconds');
  });
  return problems;
}

function idProblems(recipe: Recipe): Problem[] {
  const seen = new Map<string, Step>();
  return stepsOf(recipe).flatMap((step) => {
    const first = seen.get(step.id);
    if (!first) {
      seen.set(step.id, step);
      return [];
    }
    const where = lineOf(first, null);
    return [problemAt(step, step.id, 'id', `step ids must be unique; "${step.id}" is already the id of an earlier step${where ? ` (line ${where})` : ''}`)];
  });
}

/** depends_on names earlier steps: steps run in order, so a later one (or itself) would never be done first. */
function dependencyProblems(recipe: Recipe): Problem[] {
  const ids = stepsOf(recipe).map((step) => step.id);
  return stepsOf(recipe).flatMap((step, index) =>
    step.dependsOn.flatMap((dependency) => {
      const at = ids.indexOf(dependency);
      const message =
        at < 0
          ? `"${dependency}" names no step; the steps are ${ids.join(', ')}`
          : at === index
            ? 'a step cannot depend on itself'
            : at > index
              ? `"${dependency}" comes later; a step can depend only on earlier steps`
              : null;
      return message ? [problemAt(step, step.id, 'depends_on', message)] : [];
    }),
  );
}

function unique(problems: Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((p) => {
    const key = `${p.step}\u0000${p.key}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
