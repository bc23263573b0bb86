import { BatonError } from '../core/errors.js';
import { roleAllows, type Role } from '../domain/roles.js';
import type { Access } from './access.js';
import { auditEntry, type AuditAct, type AuditSink } from './audit.js';
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
  'run.create': 'agent',
  'run.update': 'agent',
  'run.cancel': 'coordinator',
  'run.approve': 'coordinator',
} as const satisfies Record<string, Role>;
export type Permission = keyof typeof PERMISSIONS;

/** Refuses (and records the refusal, with the item when it is known) unless the caller's token has the role the action needs. */
export function authorize(ctx: HubContext, caller: Caller, action: Permission, target: unknown = null): Promise<void> {
  return requireRole(ctx.audit, caller.access, PERMISSIONS[action], actOf(ctx, caller, action, typeof target === 'string' ? target.slice(0, 200) : null));
}

/** Records a write that was done; awaited before the write is acknowledged. */
export function audit(ctx: HubContext, caller: Caller, action: Permission, target: string | null): Promise<void> {
  return ctx.audit.record(auditEntry(caller.access, actOf(ctx, caller, action, target), 'ok'));
}

/** The one refusal for a role too low, in the hub and for the hub-wide routes alike: recorded, then thrown. */
export async function requireRole(sink: AuditSink, access: Access, needed: Role, act: AuditAct): Promise<void> {
  if (roleAllows(access.role, needed)) return;
  await sink.record(auditEntry(access, act, 'denied'));
  throw new BatonError('forbidden', `${act.action} needs the ${needed} role; this token (${access.tokenName}) is ${access.role}`);
}

const actOf = (ctx: HubContext, caller: Caller, action: string, target: string | null): AuditAct => ({
  at: ctx.clock.now(),
  workspace: ctx.workspace.name,
  sessionId: caller.session.id,
  action,
  target,
});

/** A field of a request not yet validated, to name the item a refusal was about. */
export const fieldOf = (raw: unknown, key: string): unknown => (typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)[key] : undefined);
