import { beforeAll, describe, expect, it, vi } from 'vitest';
import type { LocalBus } from '../../src/events/bus.js';
import { startInProcessHub, type InProcessHub } from './in-process-hub.js';
import { connect } from '../support/mcp-client.js';

/** What needs a look inside the hub: who is subscribed to its bus, its clock, a fast progress beat. */
describe('waiting over MCP, seen from inside the hub', () => {
  let hub: InProcessHub;
  let bus: LocalBus;
  beforeAll(async () => {
    hub = await startInProcessHub({ progressEveryMs: 20 });
    bus = hub.hub.context.bus as LocalBus;
  });

  const waitUntilWaiting = (count: number) => vi.waitFor(() => expect(bus.size).toBe(count), { timeout: 10_000, interval: 5 });

  it('wait - sleeps until a post from another client wakes it', async () => {
    const waiter = await connect(hub.url, 'waiter');
    const poster = await connect(hub.url, 'poster');
    const start = await waiter.call('collab_channels', { operation: 'read', channel_name: 'general' });
    const before = bus.size;
    const waiting = waiter.call('collab_channels', { operation: 'wait', channel_name: 'general', since: start.next_cursor, timeout: 120 });
    await waitUntilWaiting(before + 1);
    const posted = await poster.call('collab_channels', { operation: 'post', channel_name: 'general', title: '🚨 Alert: wake', message: 'up' });
    const reply = await waiting;
    expect(reply.messages.map((m: { id: string }) => m.id)).toEqual([posted.id]);
    await waitUntilWaiting(before);
  });

  it('wait - a client that asked for progress hears from the hub while it waits', async () => {
    const waiter = await connect(hub.url, 'patient');
    const poster = await connect(hub.url, 'poster');
    const start = await waiter.call('collab_channels', { operation: 'read', channel_name: 'alerts' });
    let beats = 0;
    let heard!: () => void;
    const firstBeat = new Promise<void>((resolve) => (heard = resolve));
    const waiting = waiter.call(
      'collab_channels',
      { operation: 'wait', channel_name: 'alerts', since: start.next_cursor, timeout: 120 },
      { onprogress: () => (beats++, heard()), resetTimeoutOnProgress: true },
    );
    await firstBeat;
    const posted = await poster.call('collab_channels', { operation: 'post', channel_name: 'alerts', title: '🚨 Blocked: x', message: 'y' });
    const reply = await waiting;
    expect(beats).toBeGreaterThan(0);
    expect(reply.messages.map((m: { id: string }) => m.id)).toEqual([posted.id]);
  });

  it('wait - cancelling the call stops the wait in the hub', async () => {
    const waiter = await connect(hub.url, 'canceller');
    const before = bus.size;
    const abort = new AbortController();
    const waiting = waiter.call('collab_channels', { operation: 'wait', channel_name: 'handoffs', timeout: 300 }, { signal: abort.signal });
    await waitUntilWaiting(before + 1);
    abort.abort();
    await expect(waiting).rejects.toThrow();
    await waitUntilWaiting(before);
  });

  it('wait - a client that goes away stops the wait in the hub', async () => {
    const waiter = await connect(hub.url, 'vanishing');
    const before = bus.size;
    const waiting = waiter.call('collab_channels', { operation: 'wait', channel_name: 'handoffs', timeout: 300 });
    await waitUntilWaiting(before + 1);
    await waiter.close();
    await expect(waiting).rejects.toThrow();
    await waitUntilWaiting(before);
  });

  it('sessions - every tool call refreshes last_seen', async () => {
    const mcp = await connect(hub.url, 'ticker');
    const { session } = await mcp.call('collab_directory', { operation: 'whoami' });
    hub.clock.advance(10 * 60_000);
    await mcp.call('collab_channels', { operation: 'list' });
    const stored = await hub.hub.context.store.sessions.get(session.id);
    expect(stored!.lastSeen).toBe(hub.clock.now());
    expect((await mcp.call('collab_directory', { operation: 'whoami' })).session.presence).toBe('online');
  });

  it('shutdown - a waiting client is answered before the MCP sessions close', async () => {
    const own = await startInProcessHub();
    const waiter = await connect(own.url, 'night-shift');
    const ownBus = own.hub.context.bus as LocalBus;
    const before = ownBus.size;
    const waiting = waiter.call('collab_channels', { operation: 'wait', channel_name: 'general', timeout: 300 });
    await vi.waitFor(() => expect(ownBus.size).toBe(before + 1), { timeout: 10_000, interval: 5 });
    own.hub.waits.close();
    await own.mcp.close();
    expect(await waiting).toMatchObject({ timed_out: true, closing: true, messages: [] });
  });
});
