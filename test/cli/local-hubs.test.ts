import { describe, expect, it } from 'vitest';
import { startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { localHubDataDir } from '../../src/client/local-hubs.js';
import { okJson } from './cli-process.js';

describe('commands find the admin token of a hub on this machine, whichever data dir it uses', () => {
  it('a hub started on another data dir (npm start in a clone) is reached without a token or a data dir of its own', async () => {
    const hub = await startHubProcess({ dataDir: tempDir('baton-clone-data-') });
    // A command that looks in its own, empty data dir, as `npx baton mcp` looks in ~/.baton.
    const env = { BATON_URL: hub.url, BATON_DATA: tempDir('baton-home-data-'), BATON_TOKEN: undefined, BATON_NAME: 'someone' };
    const whoami = await okJson(['whoami'], env);
    expect(whoami.session.name).toBe('someone');
  });

  it('a hub notes its data dir while it runs and takes the note back when it stops', async () => {
    const dataDir = tempDir('baton-noted-');
    const hub = await startHubProcess({ dataDir });
    expect(localHubDataDir(hub.url)).toBe(dataDir);
    expect(await hub.stop()).toBe(0);
    expect(localHubDataDir(hub.url)).toBeUndefined();
  });
});
