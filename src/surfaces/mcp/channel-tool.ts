import { iso } from '../../core/clock.js';
import type { Message } from '../../domain/types.js';
import { formatCursor } from '../../hub/cursor.js';
import type { Hub } from '../../hub/hub.js';
import { messageView } from '../../hub/views.js';
import { callerOf, given, pick, type Args, type ToolContext, type ToolHandler } from './tool-call.js';
import { contractError, success } from './tool-result.js';

/** The contract echoes a post's body cut to 100 characters. */
const preview = (body: string): string => (body.length > 100 ? `${body.slice(0, 100)}...` : body);

const views = (hub: Hub, messages: Message[]) => messages.map((m) => messageView(m, hub.context.links));

async function post(ctx: ToolContext, a: Args) {
  if (!given(a.channel_name) || (!given(a.message) && !given(a.title))) return contractError("channel_name and message required for 'post'");
  const m = await ctx.hub.messages.post(callerOf(ctx), { channel: a.channel_name, title: a.title, body: a.message, reply_to: a.reply_to });
  return success({
    success: true,
    channel: m.channel,
    message: preview(m.body),
    id: m.id,
    title: m.title,
    thread_id: m.threadId ?? m.id,
    reply_to: m.replyTo,
    timestamp: iso(m.createdAt),
    web_url: ctx.hub.context.links.message(m.id),
    cursor: formatCursor(m.seq),
  });
}

async function read(ctx: ToolContext, a: Args) {
  if (!given(a.channel_name)) return contractError("channel_name required for 'read'");
  const input = { ...pick(a, ['limit', 'since', 'thread', 'unread', 'status', 'max_chars']), channel: a.channel_name };
  const result = await ctx.hub.reads.read(callerOf(ctx), input);
  return success({ ...result, messages: views(ctx.hub, result.messages) });
}

async function wait(ctx: ToolContext, a: Args) {
  if (!given(a.channel_name) && !given(a.channels)) return contractError("channel_name or channels required for 'wait'");
  const channels = given(a.channels) ? a.channels : [a.channel_name];
  const input = { ...pick(a, ['since', 'title', 'timeout', 'limit', 'max_chars']), channels };
  const result = await ctx.hub.waits.wait(callerOf(ctx), input, ctx.signal);
  return success({ ...result, messages: views(ctx.hub, result.messages) });
}

async function create(ctx: ToolContext, a: Args) {
  if (!given(a.channel_name)) return contractError("channel_name required for 'create'");
  const channel = await ctx.hub.channels.create(callerOf(ctx), { name: a.channel_name, description: a.description });
  return success({ success: true, channel });
}

async function list(ctx: ToolContext) {
  return success({ channels: await ctx.hub.channels.list() });
}

export const channelTool: ToolHandler = {
  operations: { list, post, read, wait, create },
  fieldNames: { channel: 'channel_name', name: 'channel_name', body: 'message' },
};
