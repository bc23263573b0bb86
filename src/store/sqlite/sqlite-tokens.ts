import type Database from 'better-sqlite3';
import type { TokenRecord, TokenStore } from '../control.js';
import { TOKEN_COLUMNS, toToken, type TokenRow } from '../rows/token-row.js';

export class SqliteTokens implements TokenStore {
  private readonly insert;
  private readonly hashed;
  private readonly one;
  private readonly live;
  private readonly every;
  private readonly revokeOne;
  private readonly touchOne;

  constructor(db: Database.Database) {
    this.insert = db.prepare(
      `INSERT OR IGNORE INTO tokens (id, hash, name, role, workspace, created_at, expires_at, revoked_at)
       VALUES (@id, @hash, @name, @role, @workspace, @createdAt, @expiresAt, @revokedAt)`,
    );
    this.hashed = db.prepare<[string], TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE hash = ?`);
    this.one = db.prepare<[string], TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE id = ?`);
    this.live = db.prepare<[], TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens WHERE revoked_at IS NULL ORDER BY created_at DESC, id`);
    this.every = db.prepare<[], TokenRow>(`SELECT ${TOKEN_COLUMNS} FROM tokens ORDER BY created_at DESC, id`);
    this.revokeOne = db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL');
    this.touchOne = db.prepare('UPDATE tokens SET last_used_at = MAX(coalesce(last_used_at, 0), ?) WHERE id = ?');
  }

  async create(token: TokenRecord & { hash: string }): Promise<boolean> {
    return this.insert.run(token).changes === 1;
  }

  async byHash(hash: string): Promise<TokenRecord | undefined> {
    const row = this.hashed.get(hash);
    return row && toToken(row);
  }

  async get(id: string): Promise<TokenRecord | undefined> {
    const row = this.one.get(id);
    return row && toToken(row);
  }

  async list(includeRevoked: boolean): Promise<TokenRecord[]> {
    return (includeRevoked ? this.every : this.live).all().map(toToken);
  }

  async revoke(id: string, at: number): Promise<boolean> {
    return this.revokeOne.run(at, id).changes === 1;
  }

  async touch(id: string, at: number): Promise<void> {
    this.touchOne.run(at, id);
  }
}
