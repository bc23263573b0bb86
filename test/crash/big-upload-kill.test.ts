import { describe, expect, it } from 'vitest';
import { startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { bigBody } from './support/big-body.js';
import { expectBlobsWhole } from './support/verify.js';
import { call, download, put, sha256 } from './support/wire.js';

const SIZE = 30 * 1024 * 1024;
const PATH = 'crash/big.bin';

/** Streams a 30 MB upload and kills the hub once `killAt` bytes have gone out; returns what a restarted hub shows. */
async function uploadAndKill(dataDir: string, killAt: number) {
  const hub = await startHubProcess({ dataDir });
  const session = (await call(hub.url, undefined, 'POST', '/sessions', { name: 'uploader' })).body.session.id as string;
  const body = bigBody(SIZE, killAt, () => process.kill(hub.process.pid!, 'SIGKILL'));
  const answer = await put(hub.url, session, PATH, body.stream).catch(() => undefined);
  await hub.stop('SIGKILL');
  const restarted = await startHubProcess({ dataDir });
  const got = await download(restarted.url, PATH);
  await restarted.stop();
  return { acknowledged: answer?.status === 201, sent: body.sha256(), got };
}

describe('crash safety: SIGKILL during a large streamed upload', () => {
  it('leaves no document behind when the hub dies halfway through the bytes', async () => {
    const dataDir = tempDir('baton-big-');
    const { acknowledged, got } = await uploadAndKill(dataDir, SIZE / 2);
    expect(acknowledged).toBe(false);
    expect(got.status).toBe(404);
    expect(expectBlobsWhole(dataDir)).toBe(0);
  });

  it('shows the document whole or not at all when the hub dies as the last bytes go out', async () => {
    const dataDir = tempDir('baton-big-');
    const { acknowledged, sent, got } = await uploadAndKill(dataDir, SIZE);
    if (acknowledged) expect(got.status).toBe(200);
    expect([200, 404]).toContain(got.status);
    if (got.status === 200) expect({ sha256: sha256(got.bytes), size: got.bytes.length }).toEqual({ sha256: sent, size: SIZE });
    expectBlobsWhole(dataDir);
  });
});
