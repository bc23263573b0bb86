import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHubProcess } from '../support/hub-process.js';
import { tempDir } from '../support/temp-dir.js';
import { authedFetch } from '../support/hub-tokens.js';

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');

describe('unreferenced blobs', () => {
  it('start - a blob no version uses (left by a crash before its commit) is removed; a used one stays', async () => {
    const dataDir = tempDir('baton-blobs-');
    const first = await startHubProcess({ dataDir });
    const kept = Buffer.from('a document that was committed');
    const upload = await authedFetch(`${first.url}/api/v1/documents/content?path=kept.txt`, {
      method: 'PUT',
      body: kept,
      headers: { 'x-baton-session-name': 'writer' },
    });
    expect(upload.status).toBe(201);
    expect(await first.stop('SIGKILL')).toBe(null);

    const orphan = Buffer.from('bytes whose version was never committed');
    const orphanFile = join(dataDir, 'blobs', sha256(orphan).slice(0, 2), sha256(orphan));
    mkdirSync(join(orphanFile, '..'), { recursive: true });
    writeFileSync(orphanFile, orphan);
    const keptFile = join(dataDir, 'blobs', sha256(kept).slice(0, 2), sha256(kept));
    expect(existsSync(keptFile)).toBe(true);

    const second = await startHubProcess({ dataDir });
    expect(existsSync(orphanFile)).toBe(false);
    expect(existsSync(keptFile)).toBe(true);
    const download = await authedFetch(`${second.url}/api/v1/documents/content?document_id=kept.txt`);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(kept);
  });
});
