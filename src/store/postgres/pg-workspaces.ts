import type { Trust, Workspace } from '../../domain/workspaces.js';
import type { WorkspaceStore } from '../control.js';
import { toWorkspace, type WorkspaceRow } from '../rows/workspace-row.js';
import { rows, unstorable, type PgDb } from './pg-db.js';
import type { TableNames } from './pg-store.js';

export class PgWorkspaces implements WorkspaceStore {
  constructor(
    private readonly db: PgDb,
    private readonly s: TableNames,
  ) {}

  async create(workspace: Workspace): Promise<boolean> {
    const inserted = await this.db.query(
      `INSERT INTO ${this.s('workspaces')} (name, trust, created_at) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING name`,
      [workspace.name, workspace.trust, workspace.createdAt],
    );
    return inserted.length === 1;
  }

  async get(name: string): Promise<Workspace | undefined> {
    if (unstorable(name)) return undefined;
    const [row] = await this.db.query<WorkspaceRow>(`SELECT * FROM ${this.s('workspaces')} WHERE name = $1`, [name]);
    return row && toWorkspace(row);
  }

  async list(): Promise<Workspace[]> {
    return (await this.db.query<WorkspaceRow>(`SELECT * FROM ${this.s('workspaces')} ORDER BY name`)).map(toWorkspace);
  }

  async setTrust(name: string, trust: Trust): Promise<boolean> {
    if (unstorable(name)) return false;
    const updated = await this.db.query(`UPDATE ${this.s('workspaces')} SET trust = $1 WHERE name = $2 RETURNING name`, [trust, name]);
    return updated.length === 1;
  }

  async remove(name: string, at: number): Promise<boolean> {
    if (unstorable(name)) return false;
    return this.db.transaction(async (tx) => {
      const dropped = await rows(tx, `DELETE FROM ${this.s('workspaces')} WHERE name = $1 RETURNING name`, [name]);
      if (dropped.length !== 1) return false;
      await tx.query(`UPDATE ${this.s('tokens')} SET revoked_at = $1 WHERE workspace = $2 AND revoked_at IS NULL`, [at, name]);
      return true;
    });
  }
}
