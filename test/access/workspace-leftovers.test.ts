import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Api } from '../http/http-client.js';
import { startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';

describe('files a removed workspace left behind', () => {
  it('are removed at start, and a new workspace of that name starts empty', async () => {
    const dataDir = tempDir('baton-leftover-');
    const first = await startHubProcess({ dataDir });
    await first.stop();
    // What a removal cut short by a crash leaves: the files of a workspace the control file no longer knows.
    const ghost = join(dataDir, 'workspaces', 'ghost');
    mkdirSync(join(ghost, 'blobs'), { recursive: true });
    writeFileSync(join(ghost, 'hub.db'), 'the old workspace');

    const hub = await startHubProcess({ dataDir });
    expect(existsSync(ghost)).toBe(false);
    const api = new Api(hub.url);
    expect((await api.post('/api/v1/workspaces', { name: 'ghost' })).status).toBe(201);
    const channels = await api.get('/w/ghost/api/v1/channels');
    expect(channels.json.channels.map((c: { name: string }) => c.name)).toEqual(['general', 'alerts', 'handoffs']);
    const messages = await api.get('/w/ghost/api/v1/channels/general/messages', { name: 'reader' });
    expect(messages.json.messages).toEqual([]);
  });
});
