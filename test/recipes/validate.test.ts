import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkRecipe, checkRecipeFile } from '../../src/recipes/check.js';
import type { Problem } from '../../src/recipes/recipe-error.js';
import { formatProblems, validateRecipe } from '../../src/recipes/validate.js';
import { dedent, load, places } from './support/recipe-text.js';

const RECIPES = join(import.meta.dirname, '..', '..', 'recipes');
const FIXTURES = join(import.meta.dirname, 'fixtures');

/** The problems of a recipe that loads. */
const problemsOf = (text: string, inputs?: Record<string, unknown>): Problem[] => validateRecipe(load(text), inputs);
const messages = (problems: Problem[]): string[] => problems.map((p) => p.message);

describe('the shipped recipes', () => {
  it('every recipe in recipes/ loads and validates', async () => {
    const files = readdirSync(RECIPES).filter((f) => f.endsWith('.yaml'));
    expect(files).toEqual(
      expect.arrayContaining(['collaborative-task.yaml', 'distributed-code-review.yaml', 'pickup-task.yaml', 'release-check.yaml', 'task-handoff.yaml']),
    );
    for (const file of files) {
      const { recipe, problems } = await checkRecipeFile(join(RECIPES, file));
      expect(formatProblems(problems, file), file).toBe('');
      expect(recipe, file).not.toBeNull();
    }
  });

  it('the seed recipe in recipes/ is the fixture, byte for byte', () => {
    expect(readFileSync(join(RECIPES, 'distributed-code-review.yaml'), 'utf8')).toBe(readFileSync(join(FIXTURES, 'distributed-code-review.yaml'), 'utf8'));
  });

  it('the examples are in the dialects they are meant to show', async () => {
    const dialect = async (file: string) => (await checkRecipeFile(join(RECIPES, file))).recipe?.dialect;
    expect(await dialect('collaborative-task.yaml')).toBe('collaboration');
    expect(await dialect('task-handoff.yaml')).toBe('collaboration');
    expect(await dialect('pickup-task.yaml')).toBe('collaboration');
    expect(await dialect('release-check.yaml')).toBe('amplifier');
  });

  it('release-check uses stages, an approval, a condition, foreach with collect, a while loop, retry and on_error', async () => {
    const { recipe } = await checkRecipeFile(join(RECIPES, 'release-check.yaml'));
    const steps = recipe!.stages.flatMap((s) => s.steps);
    expect(recipe!.stages.length).toBeGreaterThan(1);
    expect(recipe!.stages.some((s) => s.approval?.required)).toBe(true);
    expect(steps.some((s) => s.condition !== null)).toBe(true);
    expect(steps.some((s) => s.foreach !== null && s.collect !== null)).toBe(true);
    expect(steps.some((s) => s.whileCondition !== null)).toBe(true);
    expect(steps.some((s) => s.retry !== null)).toBe(true);
    expect(steps.some((s) => s.onError !== 'fail')).toBe(true);
  });

  it('collaborative-task needs its task and takes the origin inputs', async () => {
    const file = join(RECIPES, 'collaborative-task.yaml');
    expect((await checkRecipeFile(file)).recipe!.context).toEqual({ notify_channel: 'general', share_artifacts: true });
    expect(messages((await checkRecipeFile(file, {})).problems)).toEqual(['is required (What to do, in a sentence or a paragraph)']);
    expect((await checkRecipeFile(file, { task_description: 'Tidy the docs', share_artifacts: false })).problems).toEqual([]);
  });
});

describe('ids and dependencies', () => {
  it('a duplicated id is named at the second step', () => {
    const problems = problemsOf('steps:\n  - {id: a, prompt: p}\n  - {id: b, prompt: p}\n  - {id: a, prompt: q}');
    expect(problems).toEqual([{ step: 'a', key: 'id', line: 4, message: 'step ids must be unique; "a" is already the id of an earlier step (line 2)' }]);
  });

  it('ids are unique across stages too', () => {
    const problems = problemsOf(`
      version: "1.0.0"
      stages:
        - name: one
          steps: [{id: a, prompt: p}]
        - name: two
          steps: [{id: a, prompt: p}]
    `);
    expect(places(problems)).toEqual(['a|id']);
  });

  it('an id a template could not name is refused', () => {
    expect(places(problemsOf('steps:\n  - {id: "split files", prompt: p}'))).toEqual(['split files|id']);
  });

  it('depends_on must name an earlier step', () => {
    const problems = problemsOf(`
      steps:
        - {id: a, prompt: p}
        - {id: b, prompt: p, depends_on: [a, nope, c, b]}
        - {id: c, prompt: p}
    `);
    expect(problems.map((p) => [p.step, p.key, p.message])).toEqual([
      ['b', 'depends_on', '"nope" names no step; the steps are a, b, c'],
      ['b', 'depends_on', '"c" comes later; a step can depend only on earlier steps'],
      ['b', 'depends_on', 'a step cannot depend on itself'],
    ]);
  });

  it('stage names are unique, and several stages each need one', () => {
    const problems = problemsOf(`
      version: "1.0.0"
      stages:
        - {name: same, steps: [{id: a, prompt: p}]}
        - {name: same, steps: [{id: b, prompt: p}]}
    `);
    expect(problems.map((p) => [p.key, p.message])).toEqual([['stages[1].name', '"same" names an earlier stage too']]);
  });
});

describe('what each type of step needs', () => {
  it('an agent step needs a prompt, a bash step a command, a recipe step a recipe', () => {
    const problems = problemsOf(`
      steps:
        - {id: think, agent: "foundation:zen-architect"}
        - {id: shell, type: bash}
        - {id: nested, type: recipe, context: {x: 1}}
        - {id: blank, prompt: "   "}
    `);
    expect(problems.map((p) => [p.step, p.key, p.message])).toEqual([
      ['think', 'prompt', 'an agent step needs a prompt (what the instance that claims it should do)'],
      ['shell', 'command', 'a bash step needs a command'],
      ['nested', 'recipe', "a recipe step needs recipe (the sub-recipe's path)"],
      ['blank', 'prompt', 'an agent step needs a prompt (what the instance that claims it should do)'],
    ]);
  });

  it('keys of another type of step are not silently ignored', () => {
    const problems = problemsOf(`
      steps:
        - {id: forgot-type, command: make test}
        - {id: shell, type: bash, command: make, prompt: p, claim_deadline: 60}
    `);
    expect(problems.map((p) => [p.step, p.key, p.message])).toEqual([
      ['forgot-type', 'prompt', 'an agent step needs a prompt (what the instance that claims it should do)'],
      ['forgot-type', 'command', 'applies to bash steps only; this is an agent step (set type: bash?)'],
      ['shell', 'prompt', 'applies to agent steps only; this is a bash step (set type: agent?)'],
      ['shell', 'claim_deadline', 'applies to agent steps only; this is a bash step (set type: agent?)'],
    ]);
  });
});

describe('values that are out of range', () => {
  it('parallel is true, false or a count of one or more, on a foreach', () => {
    const problems = problemsOf(`
      version: "1.0.0"
      context: {xs: [1, 2]}
      steps:
        - {id: zero, prompt: p, foreach: "{{xs}}", parallel: 0}
        - {id: half, prompt: p, foreach: "{{xs}}", parallel: 1.5}
        - {id: lone, prompt: p, parallel: true}
        - {id: fine, prompt: p, foreach: "{{xs}}", parallel: 4}
    `);
    expect(problems.map((p) => [p.step, p.key, p.message])).toEqual([
      ['zero', 'parallel', 'must be a whole number of 1 or more (how many iterations at once), or true or false, not 0'],
      ['half', 'parallel', 'must be a whole number of 1 or more (how many iterations at once), or true or false, not 1.5'],
      ['lone', 'parallel', 'applies to a foreach step only'],
    ]);
  });

  it('retry needs at least one attempt and sensible delays', () => {
    const problems = problemsOf('steps:\n  - {id: r, prompt: p, retry: {max_attempts: 0, initial_delay: -1, max_delay: -5}}');
    expect(places(problems)).toEqual(['r|retry.max_attempts', 'r|retry.initial_delay', 'r|retry.max_delay']);
  });

  it('limits and timeouts are positive', () => {
    const problems = problemsOf('steps:\n  - {id: t, prompt: p, timeout: 0, max_iterations: -1, max_while_iterations: 2.5, claim_deadline: 0}');
    expect(places(problems)).toEqual(['t|max_iterations', 't|max_while_iterations', 't|timeout', 't|claim_deadline']);
  });

  it('a barrier waits on a foreach for a possible count, for a positive time', () => {
    const problems = problemsOf(`
      version: "1.0.0"
      context: {xs: [1, 2]}
      steps:
        - {id: none-needed, prompt: p, foreach: "{{xs}}", barrier: {require: 0}}
        - {id: too-many, prompt: p, foreach: "{{xs}}", max_iterations: 3, barrier: {require: 4}}
        - {id: no-time, prompt: p, foreach: "{{xs}}", barrier: {require: any, timeout: 0}}
        - {id: no-foreach, prompt: p, barrier: {require: any}}
    `);
    expect(problems.map((p) => [p.step, p.key, p.message])).toEqual([
      ['none-needed', 'barrier.require', 'must be a whole number of 1 or more, or all or any, not 0'],
      ['too-many', 'barrier.require', 'asks for 4 results, but max_iterations allows only 3'],
      ['no-time', 'barrier.timeout', 'must be more than 0 seconds, not 0'],
      ['no-foreach', 'barrier', "waits for a foreach's results; this step has no foreach"],
    ]);
  });

  it('loop keys need their loop', () => {
    const problems = problemsOf('steps:\n  - {id: l, prompt: p, collect: all, as: x, break_when: "{{done}}", update_context: {done: "true"}}');
    expect(places(problems)).toEqual(['l|collect', 'l|as', 'l|break_when', 'l|update_context']);
  });

  it('names a step assigns must be usable and not reserved', () => {
    const problems = problemsOf('steps:\n  - {id: n, prompt: p, output: "bad name", foreach: "{{steps}}", as: step, collect: session}');
    expect(problems.filter((p) => p.key !== 'foreach').map((p) => [p.key, p.message])).toEqual([
      ['output', '"bad name" must be letters, digits, _ or -, starting with a letter or _'],
      ['collect', '"session" is reserved (recipe, session, step, steps)'],
      ['as', '"step" is reserved (recipe, session, step, steps)'],
    ]);
  });

  it('a required approval needs a prompt', () => {
    const problems = problemsOf('version: "1.0.0"\nstages:\n  - name: s\n    steps: [{id: a, prompt: p}]\n    approval: {required: true, timeout: -1}');
    expect(problems.map((p) => [p.key, p.line])).toEqual([['stages[0].approval.prompt', 5], ['stages[0].approval.timeout', 5]]);
  });
});

describe('templates against the variables that will exist', () => {
  it('a step result no step provides is named with the steps there are', () => {
    const problems = problemsOf(`
      steps:
        - {id: split-files, prompt: p}
        - {id: post-assignments, prompt: "{{steps.nope.result}}"}
    `);
    expect(problems).toEqual([
      { step: 'post-assignments', key: 'prompt', line: 3, message: 'undefined variable steps.nope.result: steps has split-files' },
    ]);
  });

  it('an undefined name lists the variables in scope', () => {
    const problems = problemsOf('version: "1.0.0"\ncontext: {repo: x}\nsteps:\n  - {id: a, prompt: "{{undefined_thing}}"}');
    expect(messages(problems)).toEqual(['undefined variable undefined_thing: the variables are repo, steps, recipe, session, step']);
  });

  it('a step sees only earlier steps and their outputs', () => {
    const problems = problemsOf(`
      version: "1.0.0"
      steps:
        - {id: early, prompt: "{{late_output}} {{steps.late.result}}"}
        - {id: late, prompt: p, output: late_output}
        - {id: after, prompt: "{{late_output}} {{steps.late.result}} {{steps.early}}"}
    `);
    expect(problems.map((p) => [p.step, p.message])).toEqual([
      ['early', 'undefined variable late_output: the variables are steps, recipe, session, step'],
      ['early', 'undefined variable steps.late.result: steps has nothing'],
    ]);
  });

  it('inputs, context keys, reserved variables and a step result\'s fields are all available', () => {
    const problems = problemsOf(`
      inputs:
        task: {required: true}
        channel: {default: general}
      steps:
        - {id: plan, prompt: "{{task}} in {{channel}} for {{recipe.name}} by {{session.id}} at {{step.id}}"}
        - {id: act, prompt: "{{steps.plan.result.anything.at.all}} {{steps.plan.title}}"}
    `);
    expect(problems).toEqual([]);
  });

  it('known values are walked: a missing field of a context value is found now', () => {
    const problems = problemsOf('version: "1.0.0"\ncontext: {config: {mode: fast}}\nsteps:\n  - {id: a, prompt: "{{config.mod}} {{recipe.nmae}}"}');
    expect(messages(problems)).toEqual(['undefined variable config.mod: config has mode', 'undefined variable recipe.nmae: recipe has name, description, version']);
  });

  it('the foreach variable exists inside its step only', () => {
    const problems = problemsOf(`
      version: "1.0.0"
      context: {files: [a.ts, b.ts]}
      steps:
        - {id: review, foreach: "{{files}}", as: file, prompt: "Review {{file}}", collect: reviews, condition: "{{file}} != ''"}
        - {id: sum-up, prompt: "{{reviews}} {{file}}"}
    `);
    expect(problems.map((p) => [p.step, p.key, p.message])).toEqual([
      ['review', 'condition', 'undefined variable file: the variables are files, steps, recipe, session, step'],
      ['sum-up', 'prompt', 'undefined variable file: the variables are files, steps, recipe, session, step, reviews'],
    ]);
  });

  it("break_when and update_context see the step's own result; while_condition does not", () => {
    const problems = problemsOf(`
      version: "1.0.0"
      context: {pending: 3}
      steps:
        - id: loop
          prompt: p
          output: report
          while_condition: "{{pending}} > 0 and {{report.more}}"
          break_when: "{{report.stuck}} or {{steps.loop.result.stuck}}"
          update_context: {pending: "{{report.pending}}"}
    `);
    expect(places(problems)).toEqual(['loop|while_condition']);
    expect(messages(problems)).toEqual(['undefined variable report.more: the variables are pending, steps, recipe, session, step']);
  });

  it('every templated key is checked: command, cwd, env, a sub-recipe and its context', () => {
    const problems = problemsOf(`
      steps:
        - {id: sh, type: bash, command: "run {{a}}", cwd: "{{b}}", env: {X: "{{c}}"}}
        - {id: sub, type: recipe, recipe: "{{d}}.yaml", context: {deep: {list: ["{{e}}"]}}}
    `);
    expect(places(problems)).toEqual(['sh|command', 'sh|cwd', 'sh|env.X', 'sub|recipe', 'sub|context.deep.list.0']);
  });

  it('outputs and approval prompts are checked once every step before them is done', () => {
    const collaboration = problemsOf('outputs: {good: "{{steps.a.result}}", bad: "{{steps.b.result}}"}\nsteps:\n  - {id: a, prompt: p}');
    expect(collaboration.map((p) => [p.step, p.key, p.line])).toEqual([[null, 'outputs.bad', 1]]);
    const amplifier = problemsOf(`
      version: "1.0.0"
      stages:
        - name: one
          steps: [{id: a, prompt: p, output: plan}]
          approval: {required: true, prompt: "{{plan}} then {{later}}"}
        - name: two
          steps: [{id: b, prompt: p, output: later}]
    `);
    expect(amplifier.map((p) => [p.key, p.message])).toEqual([
      ['stages[0].approval.prompt', 'undefined variable later: the variables are steps, recipe, session, step, plan'],
    ]);
  });

  it('malformed templates and conditions are problems at their key, not exceptions', () => {
    const problems = problemsOf(`
      steps:
        - {id: a, prompt: "{{ not valid }}", condition: "{{x}} = 1", while_condition: "((true)", break_when: "nope"}
    `);
    expect(problems.map((p) => [p.key, p.message.split(':')[0]])).toEqual([
      ['condition', 'malformed condition "{{x}} = 1"'],
      ['while_condition', 'malformed condition "((true)"'],
      ['prompt', 'malformed template {{ not valid }}'],
      ['break_when', 'malformed condition "nope"'],
    ]);
  });

  it('a repeated undefined variable is reported once per key', () => {
    expect(problemsOf('steps:\n  - {id: a, prompt: "{{x}} and {{x}}"}')).toHaveLength(1);
  });
});

describe('foreach', () => {
  it('a context value that is not a list is found before the run', () => {
    const problems = problemsOf(`
      version: "1.0.0"
      context: {files: "a.ts b.ts", config: {x: 1}, listed: '["a.ts"]', real: [a.ts]}
      steps:
        - {id: text, foreach: "{{files}}", prompt: p}
        - {id: object, foreach: "{{config}}", prompt: p}
        - {id: json-text, foreach: "{{listed}}", prompt: p}
        - {id: list, foreach: "{{real}}", prompt: p}
        - {id: cut, foreach: "{{real | truncate(3)}}", prompt: p}
    `);
    expect(problems.map((p) => [p.step, p.key, p.message])).toEqual([
      ['text', 'foreach', '{{files}} must resolve to a list, but it is text'],
      ['object', 'foreach', '{{config}} must resolve to a list, but it is an object'],
      ['cut', 'foreach', '{{real | truncate(3)}} makes text (a filter renders its value), not a list'],
    ]);
  });

  it('a foreach must be one template, or a literal JSON list', () => {
    const problems = problemsOf(`
      version: "1.0.0"
      context: {a: [1], b: [2]}
      steps:
        - {id: two, foreach: "{{a}}{{b}}", prompt: p}
        - {id: words, foreach: "a, b", prompt: p}
        - {id: literal, foreach: '["a", "b"]', prompt: p}
    `);
    expect(places(problems)).toEqual(['two|foreach', 'words|foreach']);
    expect(problems[0]!.message).toBe('must be one template that resolves to a list, like {{files}}, not "{{a}}{{b}}"');
  });

  it("the caller's inputs replace context values before the check", () => {
    const text = 'version: "1.0.0"\ncontext: {files: ""}\nsteps:\n  - {id: each, foreach: "{{files}}", prompt: p}';
    expect(places(problemsOf(text))).toEqual(['each|foreach']);
    expect(problemsOf(text, { files: ['a.ts'] })).toEqual([]);
  });

  it('a step result is trusted to be a list until the run says otherwise', () => {
    expect(problemsOf(dedent(readFileSync(join(FIXTURES, 'distributed-code-review.yaml'), 'utf8')))).toEqual([]);
  });
});

describe('inputs', () => {
  const WITH_INPUTS = `
    inputs:
      task: {type: string, required: true, description: What to do}
      share: {type: boolean, default: true}
      limit: {type: integer}
    steps:
      - {id: a, prompt: "{{task}} {{share}} {{limit}}"}
  `;

  it('given inputs must include the required ones, with their declared types, and nothing undeclared', () => {
    const problems = problemsOf(WITH_INPUTS, { share: 'yes', limit: 2.5, extra: 1 });
    expect(problems.map((p) => [p.key, p.message])).toEqual([
      ['inputs.task', 'is required (What to do)'],
      ['inputs.share', 'must be boolean'],
      ['inputs.limit', 'must be integer'],
      ['inputs.extra', 'is not an input of this recipe; its inputs are task, share, limit'],
    ]);
    expect(problemsOf(WITH_INPUTS, { task: 'x', limit: 3 })).toEqual([]);
  });

  it('without given inputs, only the declarations are checked', () => {
    expect(problemsOf(WITH_INPUTS)).toEqual([]);
  });

  it('a declared type must be known, and a default must fit it', () => {
    const problems = problemsOf('inputs:\n  a: {type: boolen}\n  b: {type: number, default: "3"}\nsteps:\n  - {id: s, prompt: p}');
    expect(problems.map((p) => [p.key, p.line])).toEqual([['inputs.a.type', 2], ['inputs.b.default', 3]]);
  });

  it('an Amplifier recipe takes any context key from the caller', () => {
    expect(problemsOf('version: "1.0.0"\ncontext: {a: 1}\nsteps:\n  - {id: s, prompt: "{{a}} {{b}}"}', { b: 2 })).toEqual([]);
  });

  it('reserved names cannot be context keys or inputs', () => {
    expect(places(problemsOf('version: "1.0.0"\ncontext: {steps: 1}\nsteps:\n  - {id: s, prompt: p}'))).toEqual(['null|context.steps']);
    expect(places(problemsOf('inputs: {session: {}}\nsteps:\n  - {id: s, prompt: p}'))).toEqual(['null|inputs.session']);
  });
});

describe('recipes built in code', () => {
  it('an Amplifier recipe without a version is a problem naming version', () => {
    const recipe = load('version: "1.0.0"\nsteps:\n  - {id: a, prompt: p}');
    expect(validateRecipe({ ...recipe, version: null })).toEqual([
      { step: null, key: 'version', line: null, message: "Amplifier's schema requires version, like 1.0.0" },
    ]);
    expect(messages(validateRecipe({ ...recipe, version: '1.0' }))).toEqual(['must be MAJOR.MINOR.PATCH, like 1.0.0, not "1.0"']);
  });

  it('a recipe without steps is a problem', () => {
    const recipe = load('steps:\n  - {id: a, prompt: p}');
    expect(messages(validateRecipe({ ...recipe, stages: [] }))).toEqual(['a recipe needs at least one step']);
  });
});

describe('checking a recipe for the command line', () => {
  it("returns the loader's problems when it does not load, the validator's when it does", () => {
    const unloadable = checkRecipe('steps:\n  - id: a\n    promt: p\n    prompt: p', 'r.yaml');
    expect(unloadable.recipe).toBeNull();
    expect(places(unloadable.problems)).toEqual(['a|promt']);
    const invalid = checkRecipe('steps:\n  - {id: a, prompt: "{{b}}"}', 'r.yaml');
    expect(invalid.recipe).not.toBeNull();
    expect(places(invalid.problems)).toEqual(['a|prompt']);
  });

  it('every problem is found, not only the first', () => {
    const { problems } = checkRecipe(
      dedent(`
        steps:
          - {id: a, type: bash}
          - {id: a, prompt: "{{nope}}", depends_on: [zzz], parallel: 2}
      `),
      'r.yaml',
    );
    expect(places(problems)).toEqual(['a|id', 'a|command', 'a|parallel', 'a|depends_on', 'a|prompt']);
  });

  it('formatProblems gives one line per problem with file, line, step and key', () => {
    const { problems } = checkRecipe('steps:\n  - {id: a, prompt: p}\n  - {id: b, prompt: "{{steps.c.result}}"}', 'recipes/r.yaml');
    expect(formatProblems(problems, 'recipes/r.yaml')).toBe("recipes/r.yaml:3: step 'b', key 'prompt': undefined variable steps.c.result: steps has a");
    expect(formatProblems([{ step: null, key: 'version', message: 'm' }])).toBe("key 'version': m");
  });
});
