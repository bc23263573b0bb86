import { BatonError } from '../core/errors.js';
import { roleAllows, type Role } from '../domain/roles.js';
import type { AuditEntry } from './audit.js';
import type { Caller, HubContext } from './context.js';

/** The least role each write needs; reads need only a token that reaches the workspace. */
export const PERMISSIONS = {
  'session.register': 'viewer',
  'channel.create': 'coordinator',
  'message.post': 'agent',
  'document.upload': 'agent',
  'document.move': 'agent',
  'document.delete': 'agent',
  'document.restore': 'coordinator',
  'task.create': 'agent',
  'task.claim': 'agent',
  'task.renew': 'agent',
  'task.release': 'agent',
  'task.complete': 'agent',
  'task.fail': 'agent',
  'task.ack': 'agent',
  'task.resolve': 'agent',
  'task.cancel': 'coordinator',
  'task.reassign': 'coordinator',
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

/** Refuses (and records the refusal, with the item when it is known) unless the caller's token has the role the action needs. */
export async function authorize(ctx: HubContext, caller: Caller, action: Permission, target: unknown = null): Promise<void> {
  const needed = PERMISSIONS[action];
  if (roleAllows(caller.access.role, needed)) return;
  await ctx.audit.record(auditEntry(ctx, caller, action, typeof target === 'string' ? target.slice(0, 200) : null, 'denied'));
  throw new BatonError('forbidden', `${action} needs the ${needed} role; this token (${caller.access.tokenName}) is ${caller.access.role}`);
}

/** Records a write that was done; awaited before the write is acknowledged. */
export function audit(ctx: HubContext, caller: Caller, action: Permission, target: string | null): Promise<void> {
  return ctx.audit.record(auditEntry(ctx, caller, action, target, 'ok'));
}

function auditEntry(ctx: HubContext, caller: Caller, action: string, target: string | null, outcome: AuditEntry['outcome']): AuditEntry {
  return {
    at: ctx.clock.now(),
    workspace: ctx.workspace.name,
    tokenId: caller.access.tokenId,
    tokenName: caller.access.tokenName,
    sessionId: caller.session.id,
    action,
    target,
    outcome,
  };
}

/** A field of a request not yet validated, to name the item a refusal was about. */
export const fieldOf = (raw: unknown, key: string): unknown => (typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined);
