import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTROL_SCHEMA } from '../../src/store/postgres/pg-migrations.js';
import { Api } from '../http/http-client.js';
import { startHubProcess } from '../support/hub-process.js';
import { onPostgres, queryHubDatabase, workspaceDataExists } from '../support/store-choice.js';
import { tempDir } from '../support/temp-dir.js';

/** A new workspace of the name a removed one had: it must start empty. */
async function expectFreshGhost(api: Api): Promise<void> {
  expect((await api.post('/api/v1/workspaces', { name: 'ghost' })).status).toBe(201);
  const channels = await api.get('/w/ghost/api/v1/channels');
  expect(channels.json.channels.map((c: { name: string }) => c.name)).toEqual(['general', 'alerts', 'handoffs']);
  const messages = await api.get('/w/ghost/api/v1/channels/general/messages', { name: 'reader' });
  expect(messages.json.messages).toEqual([]);
}

describe('files a removed workspace left behind', () => {
  // Leftover files are the file store's; the PostgreSQL counterpart (a leftover schema) is the next test.
  it.skipIf(onPostgres)('are removed at start, and a new workspace of that name starts empty', async () => {
    const dataDir = tempDir('baton-leftover-');
    const first = await startHubProcess({ dataDir });
    await first.stop();
    // What a removal cut short by a crash leaves: the files of a workspace the control file no longer knows.
    const ghost = join(dataDir, 'workspaces', 'ghost');
    mkdirSync(join(ghost, 'blobs'), { recursive: true });
    writeFileSync(join(ghost, 'hub.db'), 'the old workspace');

    const hub = await startHubProcess({ dataDir });
    expect(existsSync(ghost)).toBe(false);
    await expectFreshGhost(new Api(hub.url));
  });

  // Another node may be creating a workspace while this one starts, so a schema is dropped only when its name is taken anew.
  it.runIf(onPostgres)('a schema a removal left behind is dropped when a new workspace takes its name, which starts empty', async () => {
    const dataDir = tempDir('baton-leftover-');
    const first = await startHubProcess({ dataDir });
    const api = new Api(first.url);
    expect((await api.post('/api/v1/workspaces', { name: 'ghost' })).status).toBe(201);
    expect((await api.post('/w/ghost/api/v1/channels/general/messages', { title: 'from the old workspace' }, { name: 'writer' })).status).toBe(201);
    await first.stop();
    // What a removal cut short by a crash leaves: the schema of a workspace the control schema no longer knows.
    await queryHubDatabase(dataDir, `DELETE FROM ${CONTROL_SCHEMA}.workspaces WHERE name = 'ghost'`);

    const hub = await startHubProcess({ dataDir });
    expect(await workspaceDataExists(dataDir, 'ghost')).toBe(true);
    await expectFreshGhost(new Api(hub.url));
  });
});
