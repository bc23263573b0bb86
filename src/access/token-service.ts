import { z } from 'zod';
import { BatonError, notFound } from '../core/errors.js';
import type { Clock } from '../core/clock.js';
import { randomIds, randomWord } from '../core/ids.js';
import { clip, sha256Hex } from '../core/text.js';
import { cleanText, parseInput } from '../core/validate.js';
import { parseDuration } from '../domain/durations.js';
import { ROLES } from '../domain/roles.js';
import { validWorkspaceName, DEFAULT_WORKSPACE } from '../domain/workspaces.js';
import type { Access } from '../hub/access.js';
import type { ControlStore, TokenRecord } from '../store/control.js';
import type { NodeNews } from '../server/workspace-storage.js';

/** Tokens start with this, so a leaked one is recognisable (and secret scanners can find it). */
export const TOKEN_PREFIX = 'baton_';

const CreateInput = z.object({
  role: z.enum(ROLES),
  workspace: z.string().max(100).optional(),
  name: cleanText(80).trim().min(1).optional(),
  expires: z.string().max(20).optional(),
});

/**
 * How long a token looked up stays trusted in memory. Other nodes tell of their revocations at
 * once; this bounds how long one they could not tell of (a lost notification) still works here.
 */
const CACHE_MS = 5000;
const CACHE_MAX = 10_000;
const USED_EVERY_MS = 60_000;

/**
 * Bearer tokens: random secrets shown once, stored as SHA-256 hashes (they are long and random, so a
 * slow hash adds nothing). Verification is a hash and a cached lookup.
 */
export class TokenService {
  private readonly cache = new Map<string, { token: TokenRecord; at: number }>();

  constructor(
    private readonly control: ControlStore,
    private readonly clock: Clock,
    private readonly news?: NodeNews,
  ) {
    news?.onControl((event) => {
      if (event.type === 'token_revoked') this.forget((token) => token.id === event.id);
      if (event.type === 'workspace_removed') this.forgetWorkspace(event.name);
    });
  }

  /** Creates a token; the secret is in the answer and nowhere else. */
  async create(raw: unknown, workspaceExists: (name: string) => Promise<boolean>): Promise<{ token: TokenRecord; secret: string }> {
    const input = parseInput(CreateInput, raw);
    const workspace = input.role === 'admin' ? null : validWorkspaceName(input.workspace ?? DEFAULT_WORKSPACE);
    if (workspace && !(await workspaceExists(workspace))) throw notFound(`Workspace '${workspace}' not found`);
    const expiresIn = parseDuration(input.expires, 'expires');
    const now = this.clock.now();
    for (let attempt = 0; attempt < 8; attempt++) {
      const secret = `${TOKEN_PREFIX}${randomIds.token()}`;
      const token: TokenRecord = {
        id: `t-${randomWord(6)}`,
        name: input.name ?? `${input.role}${workspace ? `@${workspace}` : ''}`,
        role: input.role,
        workspace,
        createdAt: now,
        expiresAt: expiresIn === null ? null : now + expiresIn,
        revokedAt: null,
        lastUsedAt: null,
      };
      if (await this.control.tokens.create({ ...token, hash: sha256Hex(secret) })) return { token, secret };
    }
    throw new Error('could not draw a free token id');
  }

  async list(includeRevoked = false): Promise<TokenRecord[]> {
    return this.control.tokens.list(includeRevoked);
  }

  async revoke(id: string): Promise<TokenRecord> {
    if (!(await this.control.tokens.revoke(id, this.clock.now()))) {
      const token = await this.control.tokens.get(id);
      throw token ? new BatonError('conflict', `Token '${id}' is already revoked`) : notFound(`Token '${clip(id, 40)}' not found`);
    }
    this.forget((token) => token.id === id);
    this.news?.announce({ type: 'token_revoked', id });
    return (await this.control.tokens.get(id))!;
  }

  /** Forgets cached tokens of a workspace that was just removed (its tokens are revoked). */
  forgetWorkspace(name: string): void {
    this.forget((token) => token.workspace === name);
  }

  private forget(which: (token: TokenRecord) => boolean): void {
    for (const [hash, entry] of this.cache) if (which(entry.token)) this.cache.delete(hash);
  }

  /** The access a presented secret gives; a refusal says why without telling which tokens exist. */
  async verify(secret: string): Promise<Access> {
    const token = await this.lookup(sha256Hex(secret));
    const now = this.clock.now();
    if (!token || token.revokedAt !== null) throw new BatonError('unauthenticated', 'token: not valid (unknown or revoked)');
    if (token.expiresAt !== null && token.expiresAt <= now) throw new BatonError('unauthenticated', `token: expired (${token.name})`);
    await this.used(token, now);
    return { tokenId: token.id, tokenName: token.name, role: token.role, workspace: token.workspace };
  }

  /** Last use is written at most once a minute per token: `token list` needs no finer grain. */
  private async used(token: TokenRecord, now: number): Promise<void> {
    if (token.lastUsedAt !== null && now - token.lastUsedAt < USED_EVERY_MS) return;
    token.lastUsedAt = now;
    await this.control.tokens.touch(token.id, now);
  }

  private async lookup(hash: string): Promise<TokenRecord | undefined> {
    const now = this.clock.now();
    const cached = this.cache.get(hash);
    if (cached && now - cached.at < CACHE_MS) return cached.token;
    const token = await this.control.tokens.byHash(hash);
    if (this.cache.size >= CACHE_MAX) this.cache.clear();
    if (token) this.cache.set(hash, { token, at: now });
    else this.cache.delete(hash);
    return token;
  }
}
