import type { TokenRecord, TokenStore } from '../control.js';
import { TOKEN_COLUMNS, toToken, type TokenRow } from '../rows/token-row.js';
import { unstorable, type PgDb } from './pg-db.js';
import type { TableNames } from './pg-store.js';

export class PgTokens implements TokenStore {
  constructor(
    private readonly db: PgDb,
    private readonly s: TableNames,
  ) {}

  /** A taken id and a taken hash are both conflicts that insert nothing. */
  async create(token: TokenRecord & { hash: string }): Promise<boolean> {
    const inserted = await this.db.query(
      `INSERT INTO ${this.s('tokens')} (id, hash, name, role, workspace, created_at, expires_at, revoked_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id`,
      [token.id, token.hash, token.name, token.role, token.workspace, token.createdAt, token.expiresAt, token.revokedAt],
    );
    return inserted.length === 1;
  }

  async byHash(hash: string): Promise<TokenRecord | undefined> {
    if (unstorable(hash)) return undefined;
    const [row] = await this.db.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM ${this.s('tokens')} WHERE hash = $1`, [hash]);
    return row && toToken(row);
  }

  async get(id: string): Promise<TokenRecord | undefined> {
    if (unstorable(id)) return undefined;
    const [row] = await this.db.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM ${this.s('tokens')} WHERE id = $1`, [id]);
    return row && toToken(row);
  }

  async list(includeRevoked: boolean): Promise<TokenRecord[]> {
    const live = includeRevoked ? '' : 'WHERE revoked_at IS NULL';
    return (await this.db.query<TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM ${this.s('tokens')} ${live} ORDER BY created_at DESC, id`)).map(toToken);
  }

  async revoke(id: string, at: number): Promise<boolean> {
    if (unstorable(id)) return false;
    const revoked = await this.db.query(`UPDATE ${this.s('tokens')} SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL RETURNING id`, [at, id]);
    return revoked.length === 1;
  }

  /** Nodes touch the same token with their own clocks and in any order: the newest time wins. */
  async touch(id: string, at: number): Promise<void> {
    if (unstorable(id)) return;
    await this.db.query(`UPDATE ${this.s('tokens')} SET last_used_at = GREATEST(last_used_at, $1) WHERE id = $2`, [at, id]);
  }
}
