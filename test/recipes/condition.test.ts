import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/recipes/condition.js';
import { isRecipeError, type RecipeError } from '../../src/recipes/recipe-error.js';

const SCOPE = {
  status: 'done',
  count: 5,
  count_text: '5',
  version: '1.1',
  ready: true,
  python_true: 'True',
  empty: '',
  nothing: null,
  items: ['a'],
  none_word: 'None',
  review: { severity: 'high', score: 7 },
  steps: { check: '{"passed": false, "failures": 2}' },
};

const is = (condition: string, scope: Record<string, unknown> = SCOPE): boolean => evaluate(condition, scope, 'gate');

function errorOf(condition: string, key?: string): RecipeError {
  try {
    evaluate(condition, SCOPE, 'gate', key);
  } catch (e) {
    if (isRecipeError(e)) return e;
    throw e;
  }
  expect.fail(`"${condition}" evaluated without an error`);
}

describe('comparisons', () => {
  it('== and != compare text, with templates inside', () => {
    expect(is("{{status}} == 'done'")).toBe(true);
    expect(is('{{status}} == "done"')).toBe(true);
    expect(is("{{status}} != 'done'")).toBe(false);
    expect(is("{{review.severity}} == 'critical'")).toBe(false);
    expect(is("'{{status}}-ish' == 'done-ish'")).toBe(true);
  });

  it('numbers compare as numbers, whether values or text', () => {
    expect(is('{{count}} == 5')).toBe(true);
    expect(is('{{count_text}} == 5.0')).toBe(true);
    expect(is('{{count}} > 4 and {{count}} >= 5 and {{count}} < 6 and {{count}} <= 5')).toBe(true);
    expect(is('{{review.score}} > 10')).toBe(false);
    expect(is('-1 < 0')).toBe(true);
  });

  it('quoted text is never a number', () => {
    expect(is("{{version}} == '1.10'")).toBe(false);
    expect(is("'1.10' == '1.1'")).toBe(false);
  });

  it('texts order as texts', () => {
    expect(is("'2024-01-31' < '2024-02-01'")).toBe(true);
    expect(is("{{status}} > 'abc'")).toBe(true);
  });

  it('a boolean equals its word in any case', () => {
    expect(is('{{ready}} == true')).toBe(true);
    expect(is("{{ready}} == 'true'")).toBe(true);
    expect(is('{{python_true}} == true')).toBe(true);
    expect(is('{{ready}} == false')).toBe(false);
  });

  it('none equals nothing, empty text or the word none', () => {
    expect(is('{{nothing}} == none')).toBe(true);
    expect(is('{{empty}} == none')).toBe(true);
    expect(is('{{none_word}} == none')).toBe(true);
    expect(is('{{status}} == none')).toBe(false);
    expect(is('{{status}} != none')).toBe(true);
  });

  it('fields of a JSON result are read on demand', () => {
    expect(is('{{steps.check.passed}} == false and {{steps.check.failures}} > 1')).toBe(true);
  });
});

describe('and, or, not and parentheses', () => {
  it('not binds tighter than and, and tighter than or', () => {
    expect(is('true or false and false')).toBe(true);
    expect(is('(true or false) and false')).toBe(false);
    expect(is('not false and false')).toBe(false);
    expect(is('not (false and false)')).toBe(true);
    expect(is("not {{status}} == 'done'")).toBe(false);
    expect(is('not not true')).toBe(true);
  });

  it('keywords are read in any case', () => {
    expect(is('TRUE AND Not False')).toBe(true);
  });

  it('and and or stop as soon as the answer is known', () => {
    expect(is('false and {{undefined_thing}}')).toBe(false);
    expect(is('true or {{undefined_thing}}')).toBe(true);
  });
});

describe('bare values', () => {
  it.each([
    ['{{ready}}', true],
    ['{{status}}', true],
    ['{{count}}', true],
    ['{{items}}', true],
    ['{{review}}', true],
    ['{{empty}}', false],
    ['{{nothing}}', false],
    ['{{none_word}}', false],
    ['false', false],
    ['0', false],
    ['none', false],
    ["''", false],
    ["'False'", false],
    ["' 0 '", false],
    ["'no'", true],
    ['1', true],
  ])('%s is %s', (condition, expected) => {
    expect(is(condition)).toBe(expected);
  });

  it('an empty list or object is false', () => {
    expect(is('{{x}}', { x: [] })).toBe(false);
    expect(is('{{x}}', { x: {} })).toBe(false);
  });
});

describe('malformed conditions', () => {
  it.each([
    ['', 'it is empty'],
    ["{{status}} ==", 'expected a value but the condition ends at character 14'],
    ["{{status}} = 'done'", "a single '=' compares nothing; write == at character 12"],
    ["status == 'done'", "unknown word 'status' at character 1: write {{status}} for a variable, or quote it as text"],
    ["{{status}} == 'done", "unclosed ' at character 15"],
    ['({{ready}}', "expected ')' at character 11"],
    ['1 < 2 < 3', 'comparisons cannot be chained; join them with and at character 7'],
    ['{{ready}} {{ready}}', 'expected and, or or the end, found {{ready}} at character 11'],
    ['{{ready}} && true', "unexpected '&' at character 11"],
    ['== 1', 'expected a value, found == at character 1'],
    ['{{a b}} == 1', 'malformed template {{a b}}'],
    ["{{ready}} == '{{a b}}'", 'malformed template {{a b}}'],
    ['{{ready', 'unclosed {{ at character 1'],
  ])('"%s": %s', (condition, reason) => {
    const error = errorOf(condition);
    expect(error.problems).toHaveLength(1);
    expect(error.problems[0]).toMatchObject({ step: 'gate', key: 'condition' });
    expect(error.message.startsWith(`step 'gate', key 'condition': malformed condition "${condition}": ${reason}`)).toBe(true);
  });

  it('the error names the key the condition came from', () => {
    expect(errorOf('{{ready}} ==', 'break_when').message).toMatch(/^step 'gate', key 'break_when': malformed condition/);
  });

  it('an undefined variable names the step, the key and the variable', () => {
    expect(errorOf('{{stauts}} == 1').message).toMatch(/^step 'gate', key 'condition': undefined variable stauts: the variables are status, count/);
  });

  it('ordering a number against words is an error, not a guess', () => {
    expect(errorOf("{{count}} < 'many'").message).toBe(`step 'gate', key 'condition': cannot order "5" and "many": < > <= >= need two numbers or two texts`);
  });
});

describe('condition properties', () => {
  /** The contract's rule, written independently: false, empty, 0 or none are false. */
  const falsy = (v: unknown): boolean =>
    v === false || v === null || v === 0 || (typeof v === 'string' && ['', 'false', '0', 'none'].includes(v.trim().toLowerCase())) ||
    (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

  const values = fc.oneof(
    fc.jsonValue(),
    fc.constantFrom('false', 'False', 'FALSE', '0', 'none', 'None', ' none ', '', 'true', 'no', 0, 1, -0, false, true, null, [], {}),
  );

  it("a bare value's truth follows the contract", () => {
    fc.assert(fc.property(values, (v) => {
          expect(is('{{v}}', { v })).toBe(!falsy(v));
        }), { numRuns: 500 });
  });

  it('not inverts any bare value', () => {
    fc.assert(fc.property(values, (v) => {
          expect(is('not {{v}}', { v })).toBe(falsy(v));
        }));
  });

  it('numbers compare as numbers', () => {
    const number = fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
    fc.assert(
      fc.property(number, number, (a, b) => {
        const scope = { a, b };
        expect(is('{{a}} < {{b}}', scope)).toBe(a < b);
        expect(is('{{a}} >= {{b}}', scope)).toBe(a >= b);
        expect(is('{{a}} == {{b}}', scope)).toBe(a === b);
      }),
      { numRuns: 300 },
    );
  });

  it('a text equals itself, quoted or not', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect(is('{{s}} == {{s}}', { s })).toBe(true);
        expect(is(`{{s}} == '${s.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('{', '(')}'`, { s: s.replaceAll('{', '(') })).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
