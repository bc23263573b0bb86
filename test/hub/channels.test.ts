import { describe, expect, it } from 'vitest';
import { createHub } from '../../src/hub/hub.js';
import { storageOf } from '../support/test-hub.js';
import { hubForTest } from './support/hub.js';
import { refused, refusedAndNothingStored } from './support/stored.js';

describe('channels', () => {
  it('channels - every hub starts with general, alerts and handoffs', async () => {
    const t = await hubForTest();
    const channels = await t.hub.channels.list();
    expect(channels.map((c) => c.name)).toEqual(['general', 'alerts', 'handoffs']);
    expect(channels[0]).toEqual({ name: 'general', team: 'baton', description: expect.any(String), web_url: 'http://hub.test/c/general' });
  });

  it('channels - the defaults are not created twice when the hub restarts', async () => {
    const t = await hubForTest();
    await t.hub.close();
    const reopened = await createHub({ ...(await storageOf(t)), publicUrl: 'http://hub.test' });
    try {
      expect((await reopened.channels.list()).map((c) => c.name)).toEqual(['general', 'alerts', 'handoffs']);
    } finally {
      await reopened.close();
    }
  });

  it("channels - names are case-insensitive; '#general' and 'amplifier-general' resolve to general", async () => {
    const t = await hubForTest();
    for (const name of ['general', 'GENERAL', '#general', '#General', 'amplifier-general', 'Amplifier-General', '#amplifier-general', ' general ']) {
      expect((await t.hub.channels.resolve(name)).name, name).toBe('general');
    }
    expect((await t.hub.channels.resolve('amplifier-alerts')).name).toBe('alerts');
    expect((await t.hub.channels.resolve('#Amplifier-Handoffs')).name).toBe('handoffs');
  });

  it("channels - an unknown channel is refused with the contract's words", async () => {
    const t = await hubForTest();
    await refused(t.hub.channels.resolve('nowhere'), { code: 'not_found', says: "Channel 'nowhere' not found" });
    await refused(t.hub.channels.resolve('amplifier-nowhere'), { code: 'not_found' });
  });

  it('channels - create makes a channel with a normalized name that then resolves like the defaults', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice', 'coordinator');
    const created = await t.hub.channels.create(alice, { name: '#Alpha-Review', description: 'Review of project alpha' });
    expect(created).toEqual({ name: 'alpha-review', team: 'baton', description: 'Review of project alpha', web_url: 'http://hub.test/c/alpha-review' });
    expect((await t.hub.channels.resolve('ALPHA-REVIEW')).createdBy).toBe(alice.session.id);
    expect((await t.hub.channels.list()).map((c) => c.name)).toEqual(['general', 'alerts', 'handoffs', 'alpha-review']);
  });

  it('channels - creating a name that exists, in any spelling, is a conflict and stores nothing', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice', 'coordinator');
    await t.hub.channels.create(alice, { name: 'alpha-review' });
    for (const name of ['alpha-review', 'ALPHA-REVIEW', '#alpha-review', 'general', 'amplifier-general']) {
      await refusedAndNothingStored(t, () => t.hub.channels.create(alice, { name }), { code: 'conflict', says: 'already exists' });
    }
  });

  it('channels - invalid names are refused naming the field and the rule, and store nothing', async () => {
    const t = await hubForTest();
    const alice = await t.as('alice', 'coordinator');
    for (const name of ['', '#', '-leading-dash', 'has space', 'slash/inside', 'émoji', 'a'.repeat(81), 'tab\there']) {
      await refusedAndNothingStored(t, () => t.hub.channels.create(alice, { name }), { code: 'invalid_input', field: 'name', says: 'a-z' });
    }
    await refusedAndNothingStored(t, () => t.hub.channels.create(alice, {}), { code: 'invalid_input', field: 'name', says: 'required' });
    await refusedAndNothingStored(t, () => t.hub.channels.create(alice, { name: 42 }), { code: 'invalid_input', field: 'name', says: 'string' });
    await refusedAndNothingStored(t, () => t.hub.channels.create(alice, { name: 'ok', description: 'bell\u0007' }), {
      code: 'invalid_input',
      field: 'description',
      says: 'control characters',
    });
    await refusedAndNothingStored(t, () => t.hub.channels.create(alice, { name: 'ok', description: 'x'.repeat(501) }), {
      code: 'invalid_input',
      field: 'description',
    });
  });

  it('channels - an 80-character name is the longest allowed', async () => {
    const t = await hubForTest();
    const created = await t.hub.channels.create(await t.as('alice', 'coordinator'), { name: 'a'.repeat(80) });
    expect(created.name).toHaveLength(80);
  });
});
