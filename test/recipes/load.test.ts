import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { BatonError } from '../../src/core/errors.js';
import { loadRecipe, loadRecipeFile, MAX_RECIPE_BYTES } from '../../src/recipes/load.js';
import { STEP_KEYS } from '../../src/recipes/parse-step.js';
import { isRecipeError } from '../../src/recipes/recipe-error.js';
import { validateRecipe } from '../../src/recipes/validate.js';
import { tempDir } from '../support/temp-dir.js';
import { allSteps, load, loadError, onlyStep, places } from './support/recipe-text.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');

describe('loading the seed recipe', () => {
  it('distributed-code-review loads unchanged as the collaboration dialect', async () => {
    const recipe = await loadRecipeFile(join(FIXTURES, 'distributed-code-review.yaml'));
    expect(recipe).toMatchObject({ name: 'distributed-code-review', dialect: 'collaboration', version: null, context: {}, inputs: {}, outputs: {} });
    expect(recipe.stages).toHaveLength(1);
    expect(recipe.stages[0]).toMatchObject({ name: null, approval: null });
    expect(allSteps(recipe).map((s) => s.id)).toEqual(['split-files', 'post-assignments', 'wait-for-reviews', 'aggregate', 'post-summary']);
    expect(allSteps(recipe).every((s) => s.type === 'agent')).toBe(true);
  });

  it('its foreach over an agent step fans out in parallel; its other steps do not', async () => {
    const steps = allSteps(await loadRecipeFile(join(FIXTURES, 'distributed-code-review.yaml')));
    const [split, post, ...rest] = steps;
    expect(post).toMatchObject({ foreach: '{{steps.split-files.groups}}', as: 'item', parallel: true });
    expect([split, ...rest].map((s) => s!.parallel)).toEqual([false, false, false, false]);
  });
});

describe('dialects', () => {
  it('a file with version is in Amplifier schema', () => {
    expect(load('version: "1.0.0"\nsteps:\n  - {id: a, prompt: p}').dialect).toBe('amplifier');
  });

  it('a file with inputs, outputs or neither is in the collaboration dialect', () => {
    expect(load('inputs: {}\nsteps:\n  - {id: a, prompt: p}').dialect).toBe('collaboration');
    expect(load('outputs: {}\nsteps:\n  - {id: a, prompt: p}').dialect).toBe('collaboration');
    expect(load('steps:\n  - {id: a, prompt: p}').dialect).toBe('collaboration');
  });

  it('context without version fails naming version', () => {
    const error = loadError('context: {x: 1}\nsteps:\n  - {id: a, prompt: p}');
    expect(places(error.problems)).toEqual(['null|version']);
    expect(error.message).toContain('requires version');
  });

  it('stages without version fails naming version', () => {
    const error = loadError('stages:\n  - name: one\n    steps:\n      - {id: a, prompt: p}');
    expect(places(error.problems)).toEqual(['null|version']);
  });

  it('version must be MAJOR.MINOR.PATCH text', () => {
    expect(loadError('version: 1.0\nsteps:\n  - {id: a, prompt: p}').message).toContain("key 'version': must be text like 1.0.0 (quote it)");
    expect(loadError('version: "v1.0"\nsteps:\n  - {id: a, prompt: p}').message).toContain('must be MAJOR.MINOR.PATCH');
  });

  it('inputs in an Amplifier recipe are refused rather than silently dropped', () => {
    const error = loadError('version: "1.0.0"\ninputs: {x: {default: 1}}\nsteps:\n  - {id: a, prompt: p}');
    expect(places(error.problems)).toEqual(['null|inputs']);
    expect(error.message).toContain("Amplifier's schema (it has version)");
  });

  it('unknown top-level keys are ignored', () => {
    const recipe = load('version: "1.2.3"\nauthor: someone\ntags: [a, b]\nsteps:\n  - {id: a, prompt: p}');
    expect(recipe.version).toBe('1.2.3');
  });

  it('the name defaults to the file name, the description to nothing', () => {
    expect(load('steps:\n  - {id: a, prompt: p}', 'recipes/nightly-sweep.yaml')).toMatchObject({ name: 'nightly-sweep', description: '' });
    expect(load('name: given\ndescription: d\nsteps:\n  - {id: a, prompt: p}')).toMatchObject({ name: 'given', description: 'd' });
  });
});

describe('step defaults', () => {
  it("Amplifier's defaults fill every key left out", () => {
    const step = onlyStep(load('version: "1.0.0"\nsteps:\n  - {id: only, prompt: p, foreach: "{{xs}}"}'));
    expect(step).toEqual({
      id: 'only', type: 'agent', agent: null, prompt: 'p', command: null, cwd: null, env: {}, recipe: null, recipeContext: {},
      output: null, condition: null, foreach: '{{xs}}', as: 'item', collect: null, parallel: false, maxIterations: 100,
      whileCondition: null, maxWhileIterations: 100, breakWhen: null, updateContext: {}, timeoutSeconds: 600, retry: null,
      onError: 'fail', parseJson: false, dependsOn: [], barrier: { require: 'all', timeoutSeconds: null }, claimDeadlineSeconds: null,
    });
  });

  it('the collaboration dialect fans out a foreach of agent steps, but not of bash steps', () => {
    const recipe = load(`
      steps:
        - {id: agents, prompt: p, foreach: "{{xs}}"}
        - {id: shell, type: bash, command: echo, foreach: "{{xs}}"}
        - {id: serial, prompt: p, foreach: "{{xs}}", parallel: false}
        - {id: plain, prompt: p}
    `);
    expect(allSteps(recipe).map((s) => s.parallel)).toEqual([true, false, false, false]);
  });

  it('every key of the schema is read', () => {
    const step = onlyStep(load(`
      version: "1.0.0"
      steps:
        - id: all-keys
          type: recipe
          recipe: sub.yaml
          context: {target: "{{x}}", depth: 2}
          output: out
          condition: "{{go}}"
          foreach: "{{xs}}"
          as: x
          collect: outs
          parallel: 3
          max_iterations: 7
          while_condition: "{{more}}"
          max_while_iterations: 4
          break_when: "{{done}}"
          update_context: {more: "{{out.more}}", n: 1}
          timeout: 30
          retry: {max_attempts: 5, backoff: fixed, initial_delay: 1, max_delay: 9}
          on_error: skip_remaining
          parse_json: true
          depends_on: [a, b]
          barrier: {require: 2, timeout: 60}
          claim_deadline: 120
    `));
    expect(step).toMatchObject({
      type: 'recipe', recipe: 'sub.yaml', recipeContext: { target: '{{x}}', depth: 2 }, output: 'out', condition: '{{go}}', as: 'x',
      collect: 'outs', parallel: 3, maxIterations: 7, whileCondition: '{{more}}', maxWhileIterations: 4, breakWhen: '{{done}}',
      updateContext: { more: '{{out.more}}', n: '1' }, timeoutSeconds: 30,
      retry: { maxAttempts: 5, backoff: 'fixed', initialDelaySeconds: 1, maxDelaySeconds: 9 }, onError: 'skip_remaining',
      parseJson: true, dependsOn: ['a', 'b'], barrier: { require: { atLeast: 2 }, timeoutSeconds: 60 }, claimDeadlineSeconds: 120,
    });
  });

  it('bash keys: command, cwd and env, whose plain values become text', () => {
    const step = onlyStep(load('steps:\n  - {id: b, type: bash, command: "make", cwd: /tmp, env: {CI: true, N: 3, NAME: x}}'));
    expect(step).toMatchObject({ type: 'bash', command: 'make', cwd: '/tmp', env: { CI: 'true', N: '3', NAME: 'x' } });
  });

  it("retry's left-out keys take Amplifier's defaults", () => {
    expect(onlyStep(load('steps:\n  - {id: r, prompt: p, retry: {max_attempts: 2}}')).retry).toEqual({
      maxAttempts: 2, backoff: 'exponential', initialDelaySeconds: 5, maxDelaySeconds: 300,
    });
  });

  it('barrier require takes all, any or a count', () => {
    const recipe = load(`
      steps:
        - {id: a, prompt: p, foreach: "{{xs}}", barrier: {require: all}}
        - {id: b, prompt: p, foreach: "{{xs}}", barrier: {require: any, timeout: 5}}
        - {id: c, prompt: p, foreach: "{{xs}}", barrier: {require: 3}}
    `);
    expect(allSteps(recipe).map((s) => s.barrier)).toEqual([
      { require: 'all', timeoutSeconds: null },
      { require: 'any', timeoutSeconds: 5 },
      { require: { atLeast: 3 }, timeoutSeconds: null },
    ]);
  });

  it('depends_on may be one id or a list', () => {
    expect(allSteps(load('steps:\n  - {id: a, prompt: p}\n  - {id: b, prompt: p, depends_on: a}'))[1]!.dependsOn).toEqual(['a']);
  });

  it('a key written with no value counts as left out', () => {
    expect(onlyStep(load('steps:\n  - id: a\n    prompt: p\n    timeout:\n    condition:'))).toMatchObject({ timeoutSeconds: 600, condition: null });
  });
});

describe('inputs, outputs and stages', () => {
  it('inputs are read, and their defaults become the context', () => {
    const recipe = load(`
      inputs:
        task: {type: string, description: What to do, required: true}
        channel: {type: string, default: general}
        share: {type: boolean, default: false}
      outputs:
        summary: "{{steps.work.result}}"
      steps:
        - {id: work, prompt: "{{task}}"}
    `);
    expect(recipe.inputs).toEqual({
      task: { type: 'string', description: 'What to do', required: true },
      channel: { type: 'string', description: '', required: false, default: 'general' },
      share: { type: 'boolean', description: '', required: false, default: false },
    });
    expect(recipe.context).toEqual({ channel: 'general', share: false });
    expect(recipe.outputs).toEqual({ summary: '{{steps.work.result}}' });
  });

  it('an input with an unknown key is refused, naming the input and the key', () => {
    const error = loadError('inputs:\n  task: {type: string, defualt: x}\nsteps:\n  - {id: a, prompt: p}');
    expect(places(error.problems)).toEqual(['null|inputs.task.defualt']);
    expect(error.message).toContain('an input takes type, description, required, default');
  });

  it('stages keep their names, steps and approvals', () => {
    const recipe = load(`
      version: "2.0.0"
      stages:
        - name: plan
          steps:
            - {id: a, prompt: p}
          approval: {required: true, prompt: "Go on?", timeout: 3600, default: approve}
        - name: act
          steps:
            - {id: b, prompt: q}
          approval: {required: false}
        - name: finish
          steps:
            - {id: c, prompt: r}
    `);
    expect(recipe.stages.map((s) => s.name)).toEqual(['plan', 'act', 'finish']);
    expect(recipe.stages.map((s) => s.approval)).toEqual([
      { required: true, prompt: 'Go on?', timeoutSeconds: 3600, onTimeout: 'approve' },
      { required: false, prompt: '', timeoutSeconds: null, onTimeout: 'deny' },
      null,
    ]);
  });

  it('a recipe has steps or stages, not both and not neither', () => {
    expect(loadError('name: empty').message).toContain('a recipe needs steps (or stages)');
    expect(loadError('version: "1.0.0"\nsteps: []\nstages: []').message).toContain('not both');
    expect(loadError('steps: []').message).toContain("key 'steps': must hold at least one step");
  });
});

describe('refusing what cannot be loaded', () => {
  it('an unknown step key names the step, the key and the known keys, with its line', () => {
    const error = loadError(`
      steps:
        - id: split-files
          prompt: Divide files
        - id: review
          promt: Review them
    `, 'recipes/review.yaml');
    expect(error.problems).toEqual([
      { step: 'review', key: 'promt', line: 5, message: `unknown key; a step's keys are ${STEP_KEYS.join(', ')}` },
    ]);
    expect(error.message).toMatch(/^recipes\/review\.yaml:5: step 'review', key 'promt': unknown key; a step's keys are id, type, agent, prompt/);
  });

  it('every problem in the file is reported at once', () => {
    const error = loadError(`
      version: "1.0.0"
      steps:
        - id: a
          prompt: 5
          colour: red
        - id: b
          prompt: p
          parallel: sometimes
          on_error: ignore
          retry: {max_attempts: "3", backoff: linear, jitter: 1}
          barrier: {require: most}
    `);
    expect(places(error.problems)).toEqual([
      'a|colour', 'a|prompt',
      'b|parallel', 'b|retry.jitter', 'b|retry.max_attempts', 'b|retry.backoff', 'b|on_error', 'b|barrier.require',
    ]);
    expect(error.message).toContain("step 'a', key 'prompt': must be text, not number 5");
    expect(error.message).toContain("key 'on_error': must be one of fail, continue, skip_remaining, not \"ignore\"");
    expect(error.message).toContain("key 'retry.backoff': must be one of fixed, exponential");
  });

  it('a step without an id is named by its place', () => {
    const error = loadError('steps:\n  - {id: a, prompt: p}\n  - {prompt: q}\n  - just text');
    expect(error.problems.map((p) => [p.step, p.message, p.line])).toEqual([
      ['steps[1]', 'a step needs an id', 3],
      ['steps[2]', 'a step must be a mapping with an id, not the text "just text"', 4],
    ]);
  });

  it('invalid YAML names its line', () => {
    const error = loadError('steps:\n  - id: a\n    prompt: "unclosed\n');
    expect(error.problems[0]).toMatchObject({ step: null, key: null, line: expect.any(Number) });
    expect(error.message).toMatch(/^test\.yaml:\d+: not valid YAML: /);
  });

  it('a duplicated key is invalid YAML, not a silent overwrite', () => {
    expect(loadError('steps:\n  - id: a\n    prompt: p\n    prompt: q').message).toContain('not valid YAML');
  });

  it('a file that is not a mapping is refused', () => {
    expect(loadError('- a\n- b').message).toContain('a recipe must be a mapping with steps or stages, not a list');
    expect(loadError('').message).toContain('not nothing');
  });

  it('an alias bomb is refused, not expanded', () => {
    // Each level lists the one before ten times: eight levels would expand to 10^8 items.
    const levels = 'abcdefgh'.split('').map((name, i) => `${name}: &${name} [${Array(10).fill(i === 0 ? 'x' : `*${'abcdefgh'[i - 1]}`).join(', ')}]`);
    expect(loadError([...levels, 'steps:\n  - {id: s, prompt: p}'].join('\n')).message).toContain('not a usable YAML document');
  });

  it('a recipe larger than the limit is refused before parsing', () => {
    expect(loadError(`steps:\n  - {id: a, prompt: "${'x'.repeat(MAX_RECIPE_BYTES)}"}`).message).toContain(`at most ${MAX_RECIPE_BYTES} bytes`);
  });

  it('the error is an invalid-input error the surfaces already know how to answer', () => {
    const error = loadError('steps:\n  - {id: a, prompt: p, bogus: 1}');
    expect(error).toBeInstanceOf(BatonError);
    expect(error.status).toBe(400);
    expect(error.toJSON()).toMatchObject({ success: false, code: 'invalid_input', field: 'bogus' });
  });
});

describe('loading files', () => {
  it('loadRecipeFile names a file it cannot read', async () => {
    const missing = join(tempDir(), 'missing.yaml');
    await expect(loadRecipeFile(missing)).rejects.toThrow(`${missing}: cannot read the recipe file: ENOENT`);
  });

  it('loadRecipeFile reports problems with the file path and line', async () => {
    const file = join(tempDir(), 'bad.yaml');
    writeFileSync(file, 'steps:\n  - id: a\n    prompt: p\n    timeout: soon\n');
    await expect(loadRecipeFile(file)).rejects.toThrow(`${file}:4: step 'a', key 'timeout': must be a number, not the text "soon"`);
  });
});

describe('no input crashes the loader or the validator', () => {
  /** Loads and validates; anything thrown that is not a RecipeError fails the property. */
  function survives(text: string): void {
    try {
      const problems = validateRecipe(loadRecipe(text, 'fuzz.yaml'));
      expect(Array.isArray(problems)).toBe(true);
    } catch (e) {
      if (!isRecipeError(e)) throw e;
      expect(e.problems.length).toBeGreaterThan(0);
    }
  }

  const templateish = fc.oneof(
    fc.string(),
    fc.constantFrom('{{x}}', '{{steps.a.result}}', '{{ a b }}', '{{x | truncate(3)}}', '{{x', "{{x}} == 'y'", 'not (', '{{item}}'),
  );
  const value = fc.oneof(templateish, fc.jsonValue({ maxDepth: 2 }));
  const step = fc.dictionary(fc.constantFrom(...STEP_KEYS, 'bogus', '__proto__'), value, { maxKeys: 8 });
  const recipe = fc.record(
    {
      version: fc.oneof(fc.constant('1.0.0'), value),
      context: fc.oneof(fc.dictionary(fc.string(), value, { maxKeys: 3 }), value),
      inputs: fc.oneof(fc.dictionary(fc.string(), fc.dictionary(fc.constantFrom('type', 'default', 'required', 'x'), value)), value),
      outputs: fc.oneof(fc.dictionary(fc.string(), templateish), value),
      steps: fc.oneof(fc.array(step, { maxLength: 4 }), value),
      stages: fc.array(fc.record({ name: value, steps: fc.array(step, { maxLength: 2 }), approval: value }, { requiredKeys: [] }), { maxLength: 2 }),
    },
    { requiredKeys: [] },
  );

  it('recipe-shaped YAML of any content loads or is refused with problems', () => {
    fc.assert(fc.property(recipe, (r) => survives(stringify(r))), { numRuns: 400 });
  });

  it('arbitrary text loads or is refused with problems', () => {
    fc.assert(fc.property(fc.string({ maxLength: 200 }), (text) => survives(text)), { numRuns: 300 });
  });
});
