import { afterEach, beforeEach, describe } from 'vitest';
import type { Store } from '../../src/store/store.js';
import { describeChannels } from './conformance/channels.js';
import { describeDocuments } from './conformance/documents.js';
import { StoreFixture, type ConformanceOptions } from './conformance/fixtures.js';
import { describeMessages } from './conformance/messages.js';
import { describeRuns } from './conformance/runs.js';
import { describeSearch } from './conformance/search.js';
import { describeSessions } from './conformance/sessions.js';
import { describeTasks } from './conformance/tasks.js';

export { newSession, type AppendPlan, type ClaimPlan, type ConformanceOptions } from './conformance/fixtures.js';

/**
 * The Store contract, written against the interface alone: every adapter (SQLite now, PostgreSQL
 * later) runs this same suite, on a fresh and empty store for each test.
 */
export function describeStoreConformance(name: string, open: () => Promise<Store> | Store, options: ConformanceOptions = {}): void {
  describe(`store conformance: ${name}`, () => {
    const fx = new StoreFixture();
    beforeEach(async () => {
      fx.store = await open();
    });
    afterEach(async () => {
      await fx.store.close();
    });
    describeSessions(fx);
    describeChannels(fx);
    describeMessages(fx, options);
    describeDocuments(fx);
    describeTasks(fx, options);
    describeSearch(fx);
    describeRuns(fx);
  });
}
