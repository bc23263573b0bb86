import type { Role } from '../domain/roles.js';

/** The rights a request came with: the token it presented, or the whole hub in open mode. */
export interface Access {
  /** The token's id; null when the hub runs open (loopback, no tokens). */
  tokenId: string | null;
  tokenName: string;
  role: Role;
  /** The one workspace the token is for; null for every workspace (admin). */
  workspace: string | null;
}

/** A hub started with --open (loopback only): every request may do everything. */
export const OPEN_ACCESS: Access = Object.freeze({ tokenId: null, tokenName: 'open', role: 'admin', workspace: null });

/** Whether these rights reach a workspace. */
export const reaches = (access: Access, workspace: string): boolean => access.workspace === null || access.workspace === workspace;
