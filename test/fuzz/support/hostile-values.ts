import fc from 'fast-check';

/** Strings every parser and path check should meet at least once. */
const HOSTILE_STRINGS = [
  '',
  ' ',
  '../../etc/passwd',
  '..',
  '.',
  '/etc/passwd',
  '%2e%2e/%2e%2e/etc/passwd',
  '..%2f..%2fetc%2fpasswd',
  '..\\..\\windows\\win.ini',
  'C:\\Windows\\System32',
  'a/../../b',
  'a//b',
  'a/./b',
  'file:///etc/passwd',
  'http://127.0.0.1:1/x',
  'javascript:alert(1)',
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "' OR 1=1 --",
  '\u0000',
  'a\u0000b.md',
  'nul\u0000/../x',
  '\r\n',
  '\u0007\u001b[31m',
  '\ud800',
  '\udfff lone',
  'a\ud83d',
  '\u202eevil.md',
  '\u200b\u200c\u200d\ufeff',
  'עברית ومرحبا',
  '🧪🔄🚨✋✅',
  '👨‍👩‍👧‍👦',
  'e\u0301\u0301\u0301',
  '\uffff\ufffe',
  '%00',
  '%ZZ',
  '%ED%A0%80',
  '%C0%AE%C0%AE/',
  '%',
  '__proto__',
  'constructor',
  'm-0',
  'm-zzzzzz',
  's-000000',
  'd-0000000000',
  '0',
  '-1',
  '9007199254740993',
  '1e400',
  'NaN',
  'true',
  'null',
  '(a+)+$',
  '[',
  '🔄 Handoff: fuzz',
  '🚨 Alert: fuzz',
  '✋ Claimed',
  '✋ Investigating',
];

const HUGE_STRINGS = ['a'.repeat(100_000), '🧪'.repeat(25_000), '../'.repeat(30_000), '\u0000'.repeat(20_000), 'é'.repeat(17_000)];

/** Strings made to hurt, with extra values (ids or paths of real items) mixed in. */
export function hostileString(extra: readonly string[] = []): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS, ...extra) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_STRINGS, ...extra), fc.constantFrom(...HOSTILE_STRINGS)).map(([a, b]) => `${a}/${b}`) },
    { weight: 1, arbitrary: fc.constantFrom(...HUGE_STRINGS) },
  );
}

/** Any JSON value, of the right type or not. */
export function hostileValue(extra: readonly string[] = []): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(
    { weight: 6, arbitrary: hostileString(extra) },
    { weight: 2, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.constantFrom(0, 1, -1, 2 ** 53, -(2 ** 31), 1.5, 1e308, -0) },
    { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
    { weight: 1, arbitrary: fc.boolean() },
    { weight: 1, arbitrary: fc.constant(null) },
  );
  return fc.oneof(
    { weight: 8, arbitrary: leaf },
    { weight: 1, arbitrary: fc.array(leaf, { maxLength: 5 }) },
    { weight: 1, arbitrary: fc.dictionary(fc.constantFrom('$ne', '__proto__', 'a', 'task', 'path'), leaf, { maxKeys: 3 }) },
  );
}

/**
 * An object with some of the given fields (hostile values) and now and then a field nobody
 * expects. `fixed` values are always set (e.g. a non-blocking wait timeout).
 */
export function hostileFields(fields: readonly string[], extra: readonly string[] = [], fixed: Record<string, fc.Arbitrary<unknown>> = {}): fc.Arbitrary<Record<string, unknown>> {
  const known = Object.fromEntries(fields.map((field) => [field, hostileValue(extra)]));
  return fc
    .tuple(
      fc.record(known, { requiredKeys: [] }),
      fc.option(fc.dictionary(hostileString().filter((key) => key.length < 50), hostileValue(), { maxKeys: 2 }), { freq: 6 }),
      fc.record(fixed),
    )
    .map(([picked, unexpected, always]) => ({ ...(unexpected ?? {}), ...picked, ...always }));
}

/** A wait timeout that never blocks the run: out of range, of the wrong type, or (near) zero. */
export const nonBlockingTimeout: fc.Arbitrary<unknown> = fc.constantFrom(0, 0.001, -1, 301, 1e9, '0', 'x', null, true, [], {}, '', '1e400', -0);
