import { describe, expect, it } from 'vitest';
import { startHubProcess, type HubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { Ledger } from './support/ledger.js';
import { Storm, type Writers } from './support/storm.js';
import { verify } from './support/verify.js';
import { call } from './support/wire.js';

/** When each kill comes: after so many acknowledgements, or right after a given kind of write. */
const KILL_MOMENTS: { name: string; done: (ledger: Ledger, before: number) => boolean }[] = [
  { name: 'early in the storm', done: (l, before) => l.acks >= before + 40 },
  { name: 'right after an acknowledged completion', done: (l, before) => l.acks >= before + 120 && [...l.tasks.values()].some((t) => t.completed) },
  { name: 'right after an acknowledged upload', done: (l, before) => l.acks >= before + 250 && l.versions.length > 0 },
  { name: 'late in the storm', done: (l, before) => l.acks >= before + 400 },
];

async function register(url: string): Promise<Writers> {
  const one = async (name: string) => (await call(url, undefined, 'POST', '/sessions', { name, client: 'crash-test' })).body.session.id as string;
  return { poster: await one('poster'), uploader: await one('uploader'), author: await one('author'), claimer: await one('claimer') };
}

describe('crash safety: SIGKILL during a storm of writes', () => {
  it('keeps every acknowledged message, document version and claim, and shows nothing half-written, over four kills', async () => {
    const dataDir = tempDir('baton-crash-');
    const ledger = new Ledger();
    let hub: HubProcess = await startHubProcess({ dataDir });
    const writers = await register(hub.url);
    for (const [cycle, moment] of KILL_MOMENTS.entries()) {
      const storm = new Storm(hub.url, writers, ledger, cycle);
      const running = storm.run();
      const before = ledger.acks;
      await storm.until((l) => moment.done(l, before));
      expect(ledger.faults).toEqual([]);
      process.kill(hub.process.pid!, 'SIGKILL');
      await hub.stop('SIGKILL');
      await running;
      hub = await startHubProcess({ dataDir });
      const seen = await verify(hub.url, dataDir, writers.poster, ledger);
      expect(seen.tmpFiles, 'unfinished uploads left in blobs/tmp').toBe(0);
      console.info(`after a kill ${moment.name}: ${ledger.acks} acknowledged writes so far; visible`, seen);
    }
    expect(ledger.versions.length).toBeGreaterThan(0);
    expect([...ledger.tasks.values()].filter((t) => t.completed).length).toBeGreaterThan(0);
    await hub.stop();
  }, 90_000);
});
