import { invalidInput } from '../../core/errors.js';
import { given, pick, type Args, type ToolContext, type ToolHandler } from './tool-call.js';
import { contractError, success } from './tool-result.js';

async function listUsers(ctx: ToolContext, a: Args) {
  return success({ users: await ctx.hub.sessions.list(pick(a, ['limit'])) });
}

async function getUser(ctx: ToolContext, a: Args) {
  if (!given(a.user_id)) return contractError("user_id required for 'get_user'");
  if (typeof a.user_id !== 'string') throw invalidInput('user_id', 'must be a string');
  return success({ user: await ctx.hub.sessions.view(a.user_id) });
}

async function whoami(ctx: ToolContext) {
  return success({ session: await ctx.hub.sessions.view(ctx.binding.session.id) });
}

/**
 * Names this MCP session, or takes back an earlier one (same name and resume_token), so an
 * identity survives restarts. A session made on first contact and never used is dropped.
 */
async function register(ctx: ToolContext, a: Args) {
  const { binding, hub } = ctx;
  const input = { client: binding.session.client, ...pick(a, ['name', 'role', 'client', 'resume_token']) };
  const registration = await hub.sessions.register(input, ctx.binding.access);
  const previous = binding.session;
  binding.session = registration.session;
  if (binding.autoCreated && previous.id !== registration.session.id) await hub.sessions.discardIfUnused(previous.id);
  binding.autoCreated = false;
  return success({
    success: true,
    session: await hub.sessions.view(registration.session.id),
    resume_token: registration.resumeToken,
    resumed: registration.resumed,
    note: 'keep resume_token: register with this name and it to take this session back after a restart',
  });
}

export const directoryTool: ToolHandler = {
  operations: { list_users: listUsers, get_user: getUser, whoami, register },
  fieldNames: {},
};
