import type { Clock } from '../core/clock.js';
import { iso } from '../core/clock.js';
import { reaches, type Access } from '../hub/access.js';
import { auditEntry, type AuditAct } from '../hub/audit.js';
import { requireRole } from '../hub/permissions.js';
import type { WorkspaceHubs } from '../server/workspace-hubs.js';
import type { TokenRecord } from '../store/control.js';
import type { Workspace } from '../domain/workspaces.js';
import type { AuditLog } from './audit-log.js';
import type { TokenService } from './token-service.js';

/** What only an admin may do: tokens, workspaces, the audit log. Every change is audited. */
export class AdminService {
  constructor(
    private readonly tokens: TokenService,
    private readonly workspaces: WorkspaceHubs,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  /** The workspaces a token may see (the dashboard's switcher): all for an admin, else its own. */
  async visibleWorkspaces(access: Access) {
    const all = await this.workspaces.list();
    return all.filter((w) => reaches(access, w.name)).map(workspaceView);
  }

  async createWorkspace(access: Access, raw: unknown) {
    await this.require(access, 'workspace.create');
    const workspace = await this.workspaces.create(raw);
    await this.record(access, 'workspace.create', workspace.name);
    return workspaceView(workspace);
  }

  async updateWorkspace(access: Access, name: string, raw: unknown) {
    await this.require(access, 'workspace.update');
    const workspace = await this.workspaces.update(name, raw);
    await this.record(access, 'workspace.update', name, `trust=${workspace.trust}`);
    return workspaceView(workspace);
  }

  async deleteWorkspace(access: Access, name: string) {
    await this.require(access, 'workspace.delete');
    await this.workspaces.remove(name);
    this.tokens.forgetWorkspace(name);
    await this.record(access, 'workspace.delete', name);
    return { success: true, deleted: name };
  }

  async createToken(access: Access, raw: unknown) {
    await this.require(access, 'token.create');
    const { token, secret } = await this.tokens.create(raw, (name) => this.workspaces.exists(name));
    await this.record(access, 'token.create', token.id, `${token.role}${token.workspace ? ` in ${token.workspace}` : ''}`);
    return { success: true, token: tokenView(token, this.clock.now()), secret, note: 'the secret is shown only now: keep it' };
  }

  async listTokens(access: Access, includeRevoked: boolean) {
    await this.require(access, 'token.list');
    const now = this.clock.now();
    return (await this.tokens.list(includeRevoked)).map((t) => tokenView(t, now));
  }

  async revokeToken(access: Access, id: string) {
    await this.require(access, 'token.revoke');
    const token = await this.tokens.revoke(id);
    await this.record(access, 'token.revoke', token.id);
    return { success: true, token: tokenView(token, this.clock.now()) };
  }

  async readAudit(access: Access, raw: unknown) {
    await this.require(access, 'audit.read');
    return this.audit.query(raw);
  }

  private require(access: Access, action: string): Promise<void> {
    return requireRole(this.audit, access, 'admin', this.act(action, null));
  }

  private record(access: Access, action: string, target: string, detail?: string): Promise<void> {
    return this.audit.record(auditEntry(access, { ...this.act(action, target), ...(detail ? { detail } : {}) }, 'ok'));
  }

  /** Hub-wide acts belong to no workspace and no session. */
  private act(action: string, target: string | null): AuditAct {
    return { at: this.clock.now(), workspace: null, sessionId: null, action, target };
  }
}

const workspaceView = (w: Workspace) => ({ name: w.name, trust: w.trust, created_at: iso(w.createdAt) });

const tokenView = (t: TokenRecord, now: number) => ({
  id: t.id,
  name: t.name,
  role: t.role,
  workspace: t.workspace,
  created_at: iso(t.createdAt),
  expires_at: t.expiresAt === null ? null : iso(t.expiresAt),
  last_used_at: t.lastUsedAt === null ? null : iso(t.lastUsedAt),
  state: t.revokedAt !== null ? 'revoked' : t.expiresAt !== null && t.expiresAt <= now ? 'expired' : 'live',
  ...(t.revokedAt !== null ? { revoked_at: iso(t.revokedAt) } : {}),
});
