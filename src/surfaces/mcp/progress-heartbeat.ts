import type { RequestHandlerExtra } from '@modelcontextprotocol/sdk/shared/protocol.js';
import type { ServerNotification, ServerRequest } from '@modelcontextprotocol/sdk/types.js';

/**
 * While a call runs (a wait can take minutes), a client that sent a progressToken hears from the
 * hub regularly, so its request timeout can reset instead of expiring. Returns the stop function.
 */
export function heartbeat(extra: RequestHandlerExtra<ServerRequest, ServerNotification>, everyMs: number): () => void {
  const progressToken = extra._meta?.progressToken;
  if (progressToken === undefined) return () => {};
  let progress = 0;
  const timer = setInterval(() => {
    progress += 1;
    const notification = { method: 'notifications/progress' as const, params: { progressToken, progress, message: 'still waiting' } };
    extra.sendNotification(notification).catch(() => clearInterval(timer));
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
