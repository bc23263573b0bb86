import type { Role } from '../domain/roles.js';
import type { Trust, Workspace } from '../domain/workspaces.js';
import type { AuditEntry } from '../hub/audit.js';

/**
 * What the hub keeps about itself rather than about a team: its workspaces, the tokens that let
 * people and agents in, and the audit log. Adapters pass the same conformance suite as `Store`.
 */
export interface ControlStore {
  readonly workspaces: WorkspaceStore;
  readonly tokens: TokenStore;
  readonly audit: AuditStore;
  close(): Promise<void>;
}

export interface WorkspaceStore {
  /** Inserts; false when the name is taken. */
  create(workspace: Workspace): Promise<boolean>;
  get(name: string): Promise<Workspace | undefined>;
  list(): Promise<Workspace[]>;
  setTrust(name: string, trust: Trust): Promise<boolean>;
  /** Removes the workspace and revokes every token scoped to it, in one transaction. */
  remove(name: string, at: number): Promise<boolean>;
}

export interface TokenRecord {
  id: string;
  name: string;
  role: Role;
  /** Null for a token of every workspace (admin). */
  workspace: string | null;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
  /** Last time a request presented it (kept to the minute); null when never. */
  lastUsedAt: number | null;
}

export interface TokenStore {
  /** Inserts; false when the id or hash is taken. */
  create(token: TokenRecord & { hash: string }): Promise<boolean>;
  byHash(hash: string): Promise<TokenRecord | undefined>;
  get(id: string): Promise<TokenRecord | undefined>;
  /** Newest first, revoked ones included when asked. */
  list(includeRevoked: boolean): Promise<TokenRecord[]>;
  /** Marks a live token revoked; false when there is none by that id. */
  revoke(id: string, at: number): Promise<boolean>;
  /** Records that the token was used at this time (never moving it back). */
  touch(id: string, at: number): Promise<void>;
}

export interface AuditQuery {
  workspace?: string;
  tokenId?: string;
  sessionId?: string;
  action?: string;
  /** Only entries after this id. */
  after?: number;
  limit: number;
}

export interface AuditStore {
  /** Appends every entry in one transaction. */
  append(entries: readonly AuditEntry[]): Promise<void>;
  /** Newest first, or oldest first after `after`. */
  query(query: AuditQuery): Promise<(AuditEntry & { id: number })[]>;
  /** Deletes entries recorded before this time; returns how many. */
  prune(before: number): Promise<number>;
}
