import { describe, expect, it } from 'vitest';
import type { Log } from '../../src/server/log.js';
import { startInProcessHub } from './in-process-hub.js';
import { connect } from '../support/mcp-client.js';

describe('unexpected failures', () => {
  it('unexpected - a failure inside the hub is logged and answered with a generic error, and the surface keeps serving', async () => {
    const logged: string[] = [];
    const log: Log = { info: () => {}, error: (message, error) => logged.push(`${message}: ${String(error)}`) };
    const hub = await startInProcessHub({ log });
    const agent = await connect(hub.url, 'unlucky');
    await hub.hub.context.store.close();
    const reply = await agent.call('collab_channels', { operation: 'list' });
    expect(reply).toMatchObject({ success: false, code: 'internal', isError: true });
    expect(reply.error).not.toMatch(/sqlite|database|pool/i);
    expect(logged.join('\n')).toMatch(/collab_channels list failed unexpectedly/);
    expect(await agent.call('collab_channels', { operation: 'nope' })).toMatchObject({ error: 'Unknown operation: nope' });
  });
});
