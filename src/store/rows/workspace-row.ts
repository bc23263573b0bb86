import type { Trust, Workspace } from '../../domain/workspaces.js';

/** A workspace as both control stores read it. */
export interface WorkspaceRow {
  name: string;
  trust: string;
  created_at: number;
}

export const toWorkspace = (r: WorkspaceRow): Workspace => ({ name: r.name, trust: r.trust as Trust, createdAt: r.created_at });
