import { describe, expect, it } from 'vitest';
import { TokenService } from '../../src/access/token-service.js';
import { PgRelay, type ControlEvent } from '../../src/events/pg-relay.js';
import type { ControlStore } from '../../src/store/control.js';
import { openPgControl } from '../../src/store/postgres/pg-control.js';
import { PgDb } from '../../src/store/postgres/pg-db.js';
import { atFileEnd } from '../support/cleanup.js';
import { ManualClock } from '../support/manual-clock.js';
import { freshDatabase } from '../support/pg.js';

/** One node's token service, on the shared database, hearing the others through its own relay. */
async function node(url: string, name: string, clock: ManualClock): Promise<{ tokens: TokenService; relay: PgRelay; control: ControlStore }> {
  const db = new PgDb(url, 2);
  const relay = new PgRelay({ url, node: name, onError: () => {} });
  await relay.start();
  atFileEnd(async () => {
    await relay.close();
    await db.close();
  });
  const control = await openPgControl(db);
  return { tokens: new TokenService(control, clock, relay), relay, control };
}

/** Resolves when this node hears the event; its token service, subscribed first, has acted on it by then. */
const heard = (relay: PgRelay, type: ControlEvent['type']) =>
  new Promise<void>((resolve) =>
    relay.onControl((e) => {
      if (e.type === type) resolve();
    }),
  );

describe('several nodes on one database: what token caches are told', () => {
  // The clock never moves, so a cached token would stay trusted for ever: only the news can make a node forget it.
  it('a token revoked on one node is refused at once by a node that had it cached', async () => {
    const url = await freshDatabase();
    const clock = new ManualClock();
    const [a, b] = [await node(url, 'a', clock), await node(url, 'b', clock)];
    const { token, secret } = await a.tokens.create({ role: 'agent', name: 'cached' }, async () => true);
    expect((await b.tokens.verify(secret)).tokenId).toBe(token.id);
    const told = heard(b.relay, 'token_revoked');
    await a.tokens.revoke(token.id);
    await told;
    await expect(b.tokens.verify(secret)).rejects.toThrow('token: not valid (unknown or revoked)');
  });

  it("a workspace removed on one node takes its tokens out of the others' caches", async () => {
    const url = await freshDatabase();
    const clock = new ManualClock();
    const [a, b] = [await node(url, 'a', clock), await node(url, 'b', clock)];
    await a.control.workspaces.create({ name: 'gone', trust: 'fenced', createdAt: clock.now() });
    const { secret } = await a.tokens.create({ role: 'agent', workspace: 'gone' }, async () => true);
    expect((await b.tokens.verify(secret)).workspace).toBe('gone');
    const told = heard(b.relay, 'workspace_removed');
    await a.control.workspaces.remove('gone', clock.now());
    a.relay.announce({ type: 'workspace_removed', name: 'gone' });
    await told;
    await expect(b.tokens.verify(secret)).rejects.toThrow('token: not valid (unknown or revoked)');
  });
});
