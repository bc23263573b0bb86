import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRecipeError } from '../../src/recipes/recipe-error.js';
import { render, resolve, resolveList, TRUNCATION_MARK } from '../../src/recipes/template.js';
import { renderValue } from '../../src/recipes/values.js';

const SCOPE = {
  name: 'Ada',
  count: 3,
  ratio: 0.5,
  done: false,
  nothing: null,
  tags: ['a', 'b'],
  config: { mode: 'fast', limits: { depth: 2 } },
  steps: {
    'split-files': { groups: [['a.ts'], ['b.ts', 'c.ts']] },
    'post-assignments': '{"posted": 2, "ids": ["t-1", "t-2"]}',
    summary: 'All good.',
    fenced: '```json\n{"verdict": "ship"}\n```',
  },
};

/** The message of the RecipeError `action` throws. */
function errorOf(action: () => unknown): string {
  try {
    action();
  } catch (e) {
    if (isRecipeError(e)) return e.message;
    throw e;
  }
  expect.fail('expected a RecipeError');
}

describe('render', () => {
  it('replaces names and dotted paths', () => {
    expect(render('Hello {{name}}, mode {{config.mode}}, depth {{ config.limits.depth }}.', SCOPE)).toBe('Hello Ada, mode fast, depth 2.');
  });

  it('leaves text without templates as it is', () => {
    expect(render('no braces here, not even } or {', SCOPE)).toBe('no braces here, not even } or {');
  });

  it('numbers render as numbers, booleans as true/false, nothing as empty', () => {
    expect(render('{{count}} {{ratio}} {{done}} [{{nothing}}]', SCOPE)).toBe('3 0.5 false []');
  });

  it('objects and lists render as JSON', () => {
    expect(render('{{tags}} {{config}}', SCOPE)).toBe('["a","b"] {"mode":"fast","limits":{"depth":2}}');
  });

  it('hyphenated segments name steps', () => {
    expect(render('{{steps.split-files.result}}', SCOPE)).toBe('{"groups":[["a.ts"],["b.ts","c.ts"]]}');
  });

  it('steps.<id> and steps.<id>.result are the result; steps.<id>.<field> a field of it', () => {
    expect(render('{{steps.summary}} / {{steps.summary.result}}', SCOPE)).toBe('All good. / All good.');
    expect(render('{{steps.split-files.groups}}', SCOPE)).toBe('[["a.ts"],["b.ts","c.ts"]]');
    expect(render('{{steps.split-files.result.groups.1.0}}', SCOPE)).toBe('b.ts');
  });

  it('a result that is JSON text is read as an object on demand, fenced or not', () => {
    expect(render('{{steps.post-assignments.posted}} {{steps.post-assignments.ids.1}}', SCOPE)).toBe('2 t-2');
    expect(render('{{steps.fenced.verdict}}', SCOPE)).toBe('ship');
  });

  it('truncate cuts to n characters and appends one ellipsis', () => {
    expect(render('{{name | truncate(2)}}', SCOPE)).toBe(`Ad${TRUNCATION_MARK}`);
    expect(render('{{name | truncate(3)}}', SCOPE)).toBe('Ada');
    expect(render('{{ tags|truncate(4) }}', SCOPE)).toBe(`["a"${TRUNCATION_MARK}`);
    expect(render('{{name | truncate(0)}}', SCOPE)).toBe(TRUNCATION_MARK);
  });

  it('truncate never splits a character made of two code units', () => {
    expect(render('{{x | truncate(1)}}', { x: '😀😀' })).toBe(`😀${TRUNCATION_MARK}`);
  });
});

describe('resolve', () => {
  it('a template that is one placeholder gives the value itself', () => {
    expect(resolve('{{steps.split-files.groups}}', SCOPE)).toEqual([['a.ts'], ['b.ts', 'c.ts']]);
    expect(resolve('  {{count}}\n', SCOPE)).toBe(3);
    expect(resolve('{{config}}', SCOPE)).toEqual({ mode: 'fast', limits: { depth: 2 } });
  });

  it('anything more is rendered text', () => {
    expect(resolve('{{count}} files', SCOPE)).toBe('3 files');
    expect(resolve('{{count}}{{count}}', SCOPE)).toBe('33');
  });

  it('a filter turns the value into text', () => {
    expect(resolve('{{tags | truncate(100)}}', SCOPE)).toBe('["a","b"]');
  });

  it('resolveList takes a list, or the list a JSON text holds', () => {
    expect(resolveList('{{tags}}', SCOPE)).toEqual(['a', 'b']);
    expect(resolveList('{{steps.post-assignments.ids}}', SCOPE)).toEqual(['t-1', 't-2']);
    expect(resolveList('{{x}}', { x: '["one", 2]' })).toEqual(['one', 2]);
  });

  it('resolveList refuses what is not a list, naming the template', () => {
    expect(errorOf(() => resolveList('{{name}}', SCOPE))).toBe('{{name}} must resolve to a list, but it is text');
    expect(errorOf(() => resolveList('{{config}}', SCOPE))).toBe('{{config}} must resolve to a list, but it is an object');
  });
});

describe('undefined variables', () => {
  it('a misspelt step id names the variable and the steps there are', () => {
    const scope = { steps: { 'split-files': {}, 'post-assignments': {} } };
    expect(errorOf(() => render('{{steps.split-file.groups}}', scope))).toBe(
      'undefined variable steps.split-file.groups: steps has split-files, post-assignments',
    );
  });

  it('a missing top-level name lists the variables', () => {
    expect(errorOf(() => render('{{nmae}}', { name: 'x', count: 1 }))).toBe('undefined variable nmae: the variables are name, count');
  });

  it('a missing field lists what its object has', () => {
    expect(errorOf(() => render('{{config.limits.width}}', SCOPE))).toBe('undefined variable config.limits.width: config.limits has depth');
    expect(errorOf(() => render('{{steps.post-assignments.nope}}', SCOPE))).toBe(
      'undefined variable steps.post-assignments.nope: steps.post-assignments has posted, ids',
    );
  });

  it('a field of text, or of nothing, is undefined', () => {
    expect(errorOf(() => render('{{name.first}}', SCOPE))).toBe('undefined variable name.first: name is text, not an object');
    expect(errorOf(() => render('{{steps.summary.result.x}}', SCOPE))).toBe(
      'undefined variable steps.summary.result.x: steps.summary.result is text, not an object',
    );
    expect(errorOf(() => render('{{nothing.x}}', SCOPE))).toBe('undefined variable nothing.x: nothing is empty, not an object');
  });

  it('a list is indexed by number', () => {
    expect(errorOf(() => render('{{tags.2}}', SCOPE))).toBe('undefined variable tags.2: tags is a list; its items are 0 to 1');
    expect(errorOf(() => render('{{tags.first}}', SCOPE))).toBe('undefined variable tags.first: tags is a list; its items are 0 to 1');
  });

  it("an object's inherited properties are not variables", () => {
    expect(errorOf(() => render('{{config.constructor}}', SCOPE))).toContain('undefined variable config.constructor');
    expect(errorOf(() => render('{{toString}}', SCOPE))).toContain('undefined variable toString');
  });
});

describe('malformed templates', () => {
  it.each([
    ['{{ a b }}', 'malformed template {{ a b }}: write {{name}}, {{a.b.c}} or {{name | truncate(500)}}'],
    ['{{}}', 'malformed template {{}}'],
    ['{{a..b}}', 'malformed template {{a..b}}'],
    ['{{a.-b}}', 'malformed template {{a.-b}}'],
    ['text {{name', 'unclosed {{ at character 6 of the template'],
    ['{{name | upper}}', "unknown filter 'upper' in {{name | upper}}: the filters are truncate(n)"],
    ['{{name | truncate}}', 'truncate in {{name | truncate}} needs a whole number of characters, like truncate(500)'],
    ['{{name | truncate(-1)}}', 'truncate in {{name | truncate(-1)}} needs a whole number'],
    ['{{name | truncate(5}}', 'malformed filter in {{name | truncate(5}}'],
  ])('%s is refused', (template, message) => {
    expect(errorOf(() => render(template, SCOPE))).toContain(message);
  });
});

describe('template properties', () => {
  const name = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/);
  const scopes = fc.dictionary(name, fc.jsonValue(), { minKeys: 1 });

  it('rendering never throws when every variable is defined, and each renders as its value', () => {
    fc.assert(
      fc.property(scopes, fc.array(fc.nat(), { minLength: 1, maxLength: 5 }), fc.string(), (scope, picks, filler) => {
        const names = Object.keys(scope);
        const chosen = picks.map((i) => names[i % names.length]!);
        const safeFiller = filler.replaceAll('{', '(');
        const template = chosen.map((n) => `${safeFiller}{{${n}}}`).join('');
        expect(render(template, scope)).toBe(chosen.map((n) => `${safeFiller}${renderValue(scope[n])}`).join(''));
      }),
      { numRuns: 300 },
    );
  });

  it('a lone placeholder resolves to the value itself', () => {
    fc.assert(
      fc.property(scopes, (scope) => {
        for (const [key, value] of Object.entries(scope)) expect(resolve(`{{${key}}}`, scope)).toEqual(value);
      }),
    );
  });

  it('truncate never gives more than n characters plus the mark, and cuts only what is longer', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 80 }), fc.nat(100), (text, n) => {
        const out = render(`{{x | truncate(${n})}}`, { x: text });
        const chars = Array.from(text);
        expect(Array.from(out).length).toBeLessThanOrEqual(n + TRUNCATION_MARK.length);
        if (chars.length <= n) expect(out).toBe(text);
        else expect(out).toBe(chars.slice(0, n).join('') + TRUNCATION_MARK);
      }),
      { numRuns: 500 },
    );
  });

  it('a name not in the scope always throws a RecipeError naming it', () => {
    fc.assert(
      fc.property(scopes, name, (scope, missing) => {
        fc.pre(!Object.hasOwn(scope, missing));
        expect(errorOf(() => render(`{{${missing}}}`, scope))).toMatch(new RegExp(`^undefined variable ${missing}: `));
      }),
    );
  });
});
