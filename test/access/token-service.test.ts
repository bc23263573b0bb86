import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { TokenService } from '../../src/access/token-service.js';
import { sha256Hex } from '../../src/core/text.js';
import { BatonError } from '../../src/core/errors.js';
import type { ControlStore } from '../../src/store/control.js';
import { openSqliteControl } from '../../src/store/sqlite/sqlite-control.js';
import { atFileEnd } from '../support/cleanup.js';
import { ManualClock } from '../support/manual-clock.js';
import { tempDir } from '../support/temp-dir.js';

const HOUR = 3_600_000;

interface Fixture {
  dir: string;
  control: ControlStore;
  clock: ManualClock;
  tokens: TokenService;
  /** Whether a workspace exists, as the hub answers it: from the control store. */
  exists: (name: string) => Promise<boolean>;
}

/** A real control file in a fresh temp dir, with the `default` workspace the hub always has. */
async function fixture(): Promise<Fixture> {
  const dir = tempDir('baton-tokens-');
  const control = openSqliteControl(join(dir, 'control.db'));
  atFileEnd(() => control.close());
  const clock = new ManualClock();
  await control.workspaces.create({ name: 'default', trust: 'fenced', createdAt: clock.now() });
  const exists = async (name: string) => (await control.workspaces.get(name)) !== undefined;
  return { dir, control, clock, tokens: new TokenService(control, clock), exists };
}

/** The refusal a promise ends in, so its code, field and message can be checked. */
async function refusal(promise: Promise<unknown>): Promise<BatonError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'should have been refused').toBeInstanceOf(BatonError);
  return error as BatonError;
}

/** Every byte the control store keeps on disk: the file and its write-ahead log. */
function controlFileBytes(dir: string): Buffer {
  return Buffer.concat(readdirSync(dir).filter((name) => name.startsWith('control.db')).map((name) => readFileSync(join(dir, name))));
}

describe('TokenService', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture();
  });

  it('create - the secret starts with baton_ and the store keeps only its sha256 hash', async () => {
    const { token, secret } = await f.tokens.create({ role: 'agent', name: 'builder' }, f.exists);
    expect(secret).toMatch(/^baton_[A-Za-z0-9_-]{32}$/);
    // A second connection reads the table as anyone with the file would.
    const db = new Database(join(f.dir, 'control.db'), { readonly: true });
    const rows = db.prepare('SELECT * FROM tokens').all() as Record<string, unknown>[];
    db.close();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: token.id, hash: sha256Hex(secret), name: 'builder', role: 'agent', workspace: 'default' });
    expect(Object.values(rows[0]!)).not.toContain(secret);
    const bytes = controlFileBytes(f.dir);
    expect(bytes.includes(sha256Hex(secret)), 'the hash is stored').toBe(true);
    expect(bytes.includes(secret), 'the secret is nowhere in the files').toBe(false);
    expect(bytes.includes(secret.slice('baton_'.length)), 'not even without its prefix').toBe(false);
  });

  it('create - each token gets its own secret and id', async () => {
    const first = await f.tokens.create({ role: 'agent' }, f.exists);
    const second = await f.tokens.create({ role: 'agent' }, f.exists);
    expect(first.secret).not.toBe(second.secret);
    expect(first.token.id).not.toBe(second.token.id);
    expect(first.token.id).toMatch(/^t-[a-z0-9]{6}$/);
  });

  it('verify - a secret gives its token, role and workspace', async () => {
    const { token, secret } = await f.tokens.create({ role: 'coordinator', workspace: 'default', name: 'lead' }, f.exists);
    expect(await f.tokens.verify(secret)).toEqual({ tokenId: token.id, tokenName: 'lead', role: 'coordinator', workspace: 'default' });
  });

  it('verify - an unknown secret is refused without saying which tokens exist', async () => {
    await f.tokens.create({ role: 'agent' }, f.exists);
    const error = await refusal(f.tokens.verify('baton_not-a-token-at-all'));
    expect(error.code).toBe('unauthenticated');
    expect(error.status).toBe(401);
    expect(error.message).toBe('token: not valid (unknown or revoked)');
  });

  it('revoke - a revoked token is refused at once, even right after it was verified', async () => {
    const { token, secret } = await f.tokens.create({ role: 'agent' }, f.exists);
    await f.tokens.verify(secret); // now cached
    const revoked = await f.tokens.revoke(token.id);
    expect(revoked.revokedAt).toBe(f.clock.now());
    const error = await refusal(f.tokens.verify(secret));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/revoked/);
  });

  it('revoke - twice is a conflict; an unknown id is not found', async () => {
    const { token } = await f.tokens.create({ role: 'agent' }, f.exists);
    await f.tokens.revoke(token.id);
    expect((await refusal(f.tokens.revoke(token.id))).code).toBe('conflict');
    expect((await refusal(f.tokens.revoke('t-nosuch'))).code).toBe('not_found');
  });

  it('forgetWorkspace - tokens of a removed workspace are refused at once', async () => {
    await f.control.workspaces.create({ name: 'alpha', trust: 'fenced', createdAt: f.clock.now() });
    const { secret } = await f.tokens.create({ role: 'agent', workspace: 'alpha' }, f.exists);
    await f.tokens.verify(secret); // now cached
    // Removing a workspace revokes its tokens in the store; the service is told to drop its copies.
    await f.control.workspaces.remove('alpha', f.clock.now());
    f.tokens.forgetWorkspace('alpha');
    expect((await refusal(f.tokens.verify(secret))).code).toBe('unauthenticated');
  });

  it('expires - a token works until its expiry and is refused from then on, naming the expiry', async () => {
    const { token, secret } = await f.tokens.create({ role: 'agent', name: 'nightly', expires: '12h' }, f.exists);
    expect(token.expiresAt).toBe(f.clock.now() + 12 * HOUR);
    f.clock.advance(12 * HOUR - 1);
    expect((await f.tokens.verify(secret)).tokenId).toBe(token.id);
    f.clock.advance(1);
    const error = await refusal(f.tokens.verify(secret));
    expect(error.status).toBe(401);
    expect(error.message).toBe('token: expired (nightly)');
  });

  it.each([
    ['30d', 30 * 24 * HOUR],
    ['2w', 14 * 24 * HOUR],
    ['90m', 90 * 60_000],
    ['45s', 45_000],
  ])('expires - %s is understood', async (expires, ms) => {
    const { token } = await f.tokens.create({ role: 'viewer', expires }, f.exists);
    expect(token.expiresAt).toBe(f.clock.now() + ms);
  });

  it('expires - never (or nothing) means no expiry', async () => {
    expect((await f.tokens.create({ role: 'viewer', expires: 'never' }, f.exists)).token.expiresAt).toBeNull();
    expect((await f.tokens.create({ role: 'viewer' }, f.exists)).token.expiresAt).toBeNull();
  });

  it.each(['30 days', '1y', 'd', '-5d', '0d', '1.5h'])('expires - %j is refused, naming the field', async (expires) => {
    const error = await refusal(f.tokens.create({ role: 'agent', expires }, f.exists));
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('expires');
    expect(error.message).toMatch(/^expires: /);
    expect(await f.tokens.list(true)).toEqual([]);
  });

  it('create - an unknown role is refused, naming the field', async () => {
    const error = await refusal(f.tokens.create({ role: 'owner' }, f.exists));
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('role');
  });

  it('admin - an admin token has no workspace, even when one is named', async () => {
    const { token, secret } = await f.tokens.create({ role: 'admin', workspace: 'default' }, f.exists);
    expect(token.workspace).toBeNull();
    expect((await f.tokens.verify(secret)).workspace).toBeNull();
  });

  it('workspace - a token of a workspace that does not exist is refused with not found', async () => {
    const error = await refusal(f.tokens.create({ role: 'agent', workspace: 'nowhere' }, f.exists));
    expect(error.code).toBe('not_found');
    expect(error.status).toBe(404);
    expect(error.message).toContain("'nowhere'");
    expect(await f.tokens.list(true)).toEqual([]);
  });

  it('workspace - a name that cannot be a workspace is refused, naming the field', async () => {
    const error = await refusal(f.tokens.create({ role: 'agent', workspace: '../etc' }, f.exists));
    expect(error.code).toBe('invalid_input');
    expect(error.field).toBe('workspace');
  });

  it('workspace - without one, a token is for default', async () => {
    const { token } = await f.tokens.create({ role: 'viewer' }, f.exists);
    expect(token).toMatchObject({ workspace: 'default', name: 'viewer@default' });
  });

  it('list - revoked tokens only when asked', async () => {
    const kept = await f.tokens.create({ role: 'agent', name: 'kept' }, f.exists);
    const gone = await f.tokens.create({ role: 'agent', name: 'gone' }, f.exists);
    await f.tokens.revoke(gone.token.id);
    expect((await f.tokens.list()).map((t) => t.id)).toEqual([kept.token.id]);
    expect((await f.tokens.list(true)).map((t) => t.id).sort()).toEqual([kept.token.id, gone.token.id].sort());
  });
});
