import fc from 'fast-check';
import type { Role } from '../../../src/domain/roles.js';
import { hostileString, hostileValue } from './hostile-values.js';
import { headerSafe, pathSafe, wellFormed } from './raw-http.js';

/** A token the fuzzing made, with its secret. */
export interface KnownToken {
  id: string;
  secret: string;
  role: Role;
  /** null: every workspace (admin). */
  workspace: string | null;
}

/** Workspace names that must never become a directory anywhere (or only the plain ones, where they are valid). */
export const HOSTILE_WORKSPACE_NAMES = [
  '../../etc',
  '..',
  '.',
  '%2e%2e',
  '%2E%2E',
  '..%2f',
  '..%2F..%2Fetc',
  '..\\..\\etc',
  'a/b',
  'a\\b',
  '/abs',
  '\u0000',
  'a\u0000b',
  'x'.repeat(10_000),
  'a'.repeat(41),
  'default',
  'DEFAULT',
  ' default',
  'default ',
  'default\u0000',
  '-lead',
  '_lead',
  'Upper',
  'ünï',
  'ａｂｃ',
  'a\u200bb',
  '🧪',
  'workspaces',
  'blobs',
  'hub.db',
  'control',
  'con',
  'nul',
  '',
  ' ',
];

/** Valid names not taken yet, so some creates and deletes go through. */
export const FRESH_WORKSPACE_NAMES = ['fz-a', 'fz-b', 'fz_c', '0', 'z', 'a'.repeat(40)];

export const encode = (value: string): string => encodeURIComponent(wellFormed(value));

/** A workspace name: plain (fresh or taken), hostile, or any text. */
export function workspaceName(taken: readonly string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...FRESH_WORKSPACE_NAMES, ...taken) },
    { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,12}$/) },
    { weight: 3, arbitrary: fc.constantFrom(...HOSTILE_WORKSPACE_NAMES) },
    { weight: 1, arbitrary: hostileString() },
  );
}

/** A path segment made of a name: percent-encoded, or as written (only non-ASCII escaped). */
export function nameSegment(names: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc.oneof(names.map(encode), names.map(pathSafe));
}

/** A valid value most of the time, an edge case or any JSON value otherwise. */
export function field(valid: readonly unknown[], edge: readonly unknown[] = []): fc.Arbitrary<unknown> {
  const edges = edge.length > 0 ? [{ weight: 2, arbitrary: fc.constantFrom(...edge) }] : [];
  return fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...valid) }, ...edges, { weight: 1, arbitrary: hostileValue() });
}

export const EXPIRES = { valid: ['30d', '12h', '90m', '2w', '999999w', 'never', null, '', ' 30d '], edge: ['1s', '0d', '0s', '1000000d', 30, '30', '30 d', '-1d', '1y', '1e3d', '30D', 'P30D', '\u0000'] };
export const TOKEN_NAMES = { valid: ['ci', 'reader', '🧪', 'e\u0301', ' trimmed ', 'x'.repeat(80), '<script>alert(1)</script>', '\u202eevil'], edge: ['nul\u0000byte', 'x'.repeat(81), ' ', '', '\ud800', 'tab\there', 'new\nline'] };

/** How a request presents itself, and which token (if any) that gives it on the API and on pages. */
export interface Presented {
  label: string;
  headers: Record<string, string>;
  api?: KnownToken;
  page?: KnownToken;
  /** Headers over Node's 16 KiB limit, answered 431 before the hub sees them. */
  huge?: boolean;
}

/** Authorization headers that must all be refused with a 401: garbage, wrong schemes, spoiled or revoked tokens. */
export function badAuthorization(admin: KnownToken, revoked: KnownToken): fc.Arbitrary<Presented> {
  const bad = (label: string, value: string | undefined, huge = false): Presented => ({ label, headers: value === undefined ? {} : { authorization: value }, huge });
  const secretish = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-'), minLength: 1, maxLength: 60 });
  return fc.oneof(
    fc.constantFrom(
      bad('no header', undefined),
      bad('Bearer alone', 'Bearer'),
      bad('Bearer and a space', 'Bearer '),
      bad('Bearer and 10k characters', `Bearer ${'A'.repeat(10_000)}`),
      bad('Bearer and 20k characters', `Bearer baton_${'x'.repeat(20_000)}`, true),
      bad('Basic', `Basic ${Buffer.from('admin:admin').toString('base64')}`),
      bad('Basic with the secret', `Basic ${Buffer.from(`x:${admin.secret}`).toString('base64')}`),
      bad('real token with a suffix', `Bearer ${admin.secret}x`),
      bad('real token cut short', `Bearer ${admin.secret.slice(0, -1)}`),
      bad('real token with a prefix', `Bearer x${admin.secret}`),
      bad('real token upper-cased', `Bearer ${admin.secret.toUpperCase()}`),
      bad('two tokens', `Bearer ${admin.secret} ${admin.secret}`),
      bad('another scheme', `Token ${admin.secret}`),
      bad('the secret alone', admin.secret),
      bad('revoked token', `Bearer ${revoked.secret}`),
      bad('lower-case revoked token', `bearer ${revoked.secret}`),
      bad('empty header', ''),
    ),
    secretish.map((s) => bad('random secret', `Bearer baton_${s}`)),
    hostileString().map((s) => bad('garbage', headerSafe(s).slice(0, 12_000))),
    hostileString().map((s) => bad('Bearer garbage', `Bearer ${headerSafe(s).slice(0, 12_000)}`.trim())),
  );
}

/** A real token presented properly (any case of the scheme, extra blanks), or only as the login cookie (with or without the dashboard's X-Requested-With). */
export function goodPresentation(tokens: readonly KnownToken[]): fc.Arbitrary<Presented> {
  const scheme = fc.constantFrom('Bearer ', 'bearer ', 'BEARER ', 'Bearer   ', 'Bearer \t');
  return fc.oneof(
    { weight: 5, arbitrary: fc.tuple(fc.constantFrom(...tokens), scheme, fc.constantFrom('', ' ', '  ')).map(([t, s, tail]): Presented => ({ label: `${t.role}@${t.workspace ?? '*'} "${s.trim()}"`, headers: { authorization: `${s}${t.secret}${tail}` }, api: t, page: t })) },
    { weight: 1, arbitrary: fc.constantFrom(...tokens).map((t): Presented => ({ label: `${t.role}@${t.workspace ?? '*'} cookie`, headers: { cookie: `baton_token=${t.secret}` }, page: t })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...tokens).map((t): Presented => ({ label: `${t.role}@${t.workspace ?? '*'} dashboard cookie`, headers: { cookie: `baton_token=${t.secret}`, 'x-requested-with': 'baton-dashboard' }, page: t })),
    },
  );
}
