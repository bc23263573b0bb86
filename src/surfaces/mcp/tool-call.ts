import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { isBatonError } from '../../core/errors.js';
import type { Caller, Hub } from '../../hub/hub.js';
import type { Log } from '../../server/log.js';
import { withPeerFence } from './peer-fence.js';
import type { SessionBinding } from './session-binding.js';
import { IGNORED_PARAMETERS, TOOLS } from './tool-definitions.js';
import { contractError, failure, hubFailure, withNotices, type FieldNames } from './tool-result.js';

export type Args = Record<string, unknown>;

/** What one tool call works with. */
export interface ToolContext {
  hub: Hub;
  binding: SessionBinding;
  /** Aborted when the client cancels the call or goes away. */
  signal: AbortSignal;
}

export type Operation = (ctx: ToolContext, args: Args) => Promise<CallToolResult>;

/** A tool: its operations, and how the hub's field names read as its parameters. */
export interface ToolHandler {
  operations: Readonly<Record<string, Operation>>;
  fieldNames: FieldNames;
}

export const callerOf = (ctx: ToolContext): Caller => ({ session: ctx.binding.session, access: ctx.binding.access });

/** "Required" in the contract means present and non-empty. */
export const given = (value: unknown): boolean => value !== undefined && value !== null && value !== '';

/** Only the named parameters, so one operation never reads another's. */
export function pick(a: Args, keys: readonly string[]): Args {
  return Object.fromEntries(keys.filter((k) => a[k] !== undefined).map((k) => [k, a[k]]));
}

const parametersOf = new Map(TOOLS.map((t) => [t.name, new Set(Object.keys(t.inputSchema.properties ?? {}))]));

/**
 * Runs one tool call: checks the parameters against the tool's, dispatches on `operation`, and turns
 * every refusal into the contract's error text. An unexpected error is logged, never thrown.
 */
export async function runTool(handlers: Readonly<Record<string, ToolHandler>>, name: string, args: Args, ctx: ToolContext, log: Log): Promise<CallToolResult> {
  const handler = handlers[name];
  const parameters = parametersOf.get(name);
  if (!handler || !parameters) return failure({ success: false, error: `Unknown tool: ${name}`, code: 'not_found' });
  const unknown = Object.keys(args).filter((k) => !parameters.has(k) && !IGNORED_PARAMETERS.has(k));
  if (unknown.length > 0) {
    return contractError(`unknown parameter '${unknown[0]}': ${name} takes ${[...parameters].join(', ')}`, { field: unknown[0] });
  }
  const operations = Object.keys(handler.operations);
  const op = args.operation;
  if (!given(op)) return contractError(`operation: is required (one of ${operations.join(', ')})`, { field: 'operation' });
  const operation = typeof op === 'string' && Object.hasOwn(handler.operations, op) ? handler.operations[op] : undefined;
  if (!operation) return contractError(`Unknown operation: ${String(op)}`, { field: 'operation', expected: operations.join(', ') });
  const result = await dispatch(handler, operation, ctx, args, log, `${name} ${String(op)}`);
  return withNotices(fencedForCaller(result, ctx), await noticesFor(ctx, log));
}

/**
 * Peer text is fenced unless the workspace trusts its agents. The setting is read on every call
 * because an admin can change it while the hub runs; the session is read after the call, which
 * may have been a register that took back an earlier session.
 */
function fencedForCaller(result: CallToolResult, ctx: ToolContext): CallToolResult {
  if (result.isError || ctx.hub.context.workspace.trust === 'trusted') return result;
  return withPeerFence(result, ctx.binding.session.id);
}

async function dispatch(handler: ToolHandler, operation: Operation, ctx: ToolContext, args: Args, log: Log, what: string): Promise<CallToolResult> {
  try {
    await ctx.hub.sessions.touch(ctx.binding.session);
    return await operation(ctx, args);
  } catch (error) {
    if (isBatonError(error)) return hubFailure(error, handler.fieldNames);
    log.error(`${what} failed unexpectedly`, error);
    return failure({ success: false, error: 'the hub could not complete this operation; it has been logged', code: 'internal' });
  }
}

/**
 * What happened to this session's work since its last call (a lease expired, a task was reassigned),
 * taken after the call so that every result, success or refusal, can carry it. Losing them to an
 * error is better than failing the call that already ran.
 */
async function noticesFor(ctx: ToolContext, log: Log): Promise<string[]> {
  try {
    return await ctx.hub.tasks.notices(callerOf(ctx));
  } catch (error) {
    log.error('notices could not be read', error);
    return [];
  }
}
