import type Database from 'better-sqlite3';
import type { Trust, Workspace } from '../../domain/workspaces.js';
import type { WorkspaceStore } from '../control.js';
import { toWorkspace, type WorkspaceRow } from '../rows/workspace-row.js';

export class SqliteWorkspaces implements WorkspaceStore {
  private readonly insert;
  private readonly one;
  private readonly all;
  private readonly trust;
  private readonly drop;
  private readonly revokeAll;

  constructor(private readonly db: Database.Database) {
    this.insert = db.prepare('INSERT OR IGNORE INTO workspaces (name, trust, created_at) VALUES (@name, @trust, @createdAt)');
    this.one = db.prepare<[string], WorkspaceRow>('SELECT * FROM workspaces WHERE name = ?');
    this.all = db.prepare<[], WorkspaceRow>('SELECT * FROM workspaces ORDER BY name');
    this.trust = db.prepare('UPDATE workspaces SET trust = ? WHERE name = ?');
    this.drop = db.prepare('DELETE FROM workspaces WHERE name = ?');
    this.revokeAll = db.prepare('UPDATE tokens SET revoked_at = ? WHERE workspace = ? AND revoked_at IS NULL');
  }

  async create(workspace: Workspace): Promise<boolean> {
    return this.insert.run(workspace).changes === 1;
  }

  async get(name: string): Promise<Workspace | undefined> {
    const row = this.one.get(name);
    return row && toWorkspace(row);
  }

  async list(): Promise<Workspace[]> {
    return this.all.all().map(toWorkspace);
  }

  async setTrust(name: string, trust: Trust): Promise<boolean> {
    return this.trust.run(trust, name).changes === 1;
  }

  async remove(name: string, at: number): Promise<boolean> {
    return this.db.transaction(() => {
      if (this.drop.run(name).changes !== 1) return false;
      this.revokeAll.run(at, name);
      return true;
    }).immediate();
  }
}
