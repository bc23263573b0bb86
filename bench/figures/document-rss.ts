import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Figure } from '../support/figure.js';
import { startHub, type BenchHub } from '../support/hub-process.js';
import { authHeader, registerSession } from '../support/http.js';
import { scratchDir } from '../support/paths.js';
import { readMemory, resetPeak } from '../support/proc-memory.js';
import { round } from '../support/stats.js';

export interface RssOptions {
  bytes: number;
  nodeArgs?: string[];
}

const MiB = 1024 * 1024;
const DOCUMENT_PATH = 'bench/large-document.bin';

interface Transfer {
  growthBytes: number;
  seconds: number;
}

/**
 * Peak resident-memory growth of the hub process while it streams a large document in (PUT) and
 * out (GET): the high-water mark is reset before each transfer and read after it. The bytes must
 * come back with the sha256 they went in with.
 */
export async function measureDocumentRss(options: RssOptions): Promise<Figure> {
  const scratch = scratchDir('baton-bench-rss-');
  const hub = await startHub({ ...(options.nodeArgs ? { nodeArgs: options.nodeArgs } : {}) });
  try {
    const source = join(scratch.dir, 'source.bin');
    const sha256 = await writeRandomFile(source, options.bytes);
    const session = await registerSession(hub.url, 'bench-uploader');
    const upload = await measured(hub, async () => {
      const stored = await uploadFile(hub.url, session, source, options.bytes);
      if (stored.version.sha256 !== sha256) throw new Error('the hub stored other bytes than were uploaded');
      return stored.document.id;
    });
    const download = await measured(hub, async () => {
      const got = await downloadHash(hub.url, upload.result);
      if (got !== sha256) throw new Error('the hub sent other bytes than were uploaded');
    });
    return figureOf(options.bytes, upload, download);
  } finally {
    await hub.stop();
    scratch.remove();
  }
}

async function measured<T>(hub: BenchHub, transfer: () => Promise<T>): Promise<Transfer & { result: T }> {
  resetPeak(hub.pid);
  const before = readMemory(hub.pid).rss;
  const start = performance.now();
  const result = await transfer();
  const seconds = (performance.now() - start) / 1000;
  return { result, seconds, growthBytes: readMemory(hub.pid).peak - before };
}

async function writeRandomFile(file: string, bytes: number): Promise<string> {
  const hash = createHash('sha256');
  async function* chunks() {
    for (let left = bytes; left > 0; left -= MiB) {
      const chunk = randomBytes(Math.min(MiB, left));
      hash.update(chunk);
      yield chunk;
    }
  }
  await pipeline(chunks, createWriteStream(file));
  return hash.digest('hex');
}

interface Uploaded {
  document: { id: string };
  version: { sha256: string };
}

/** PUT /api/v1/documents/content, the body streamed from the file. */
function uploadFile(url: string, session: string, file: string, bytes: number): Promise<Uploaded> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/api/v1/documents/content?path=${encodeURIComponent(DOCUMENT_PATH)}`,
      { method: 'PUT', headers: { ...authHeader(), 'content-type': 'application/octet-stream', 'content-length': String(bytes), 'x-baton-session': session } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => (res.statusCode === 201 ? resolve(JSON.parse(text) as Uploaded) : reject(new Error(`upload: HTTP ${res.statusCode}: ${text}`))));
      },
    );
    req.on('error', reject);
    pipeline(createReadStream(file), req).catch(reject);
  });
}

/** GET /api/v1/documents/content, hashed as it streams in; returns the sha256. */
function downloadHash(url: string, documentId: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}/api/v1/documents/content?document_id=${encodeURIComponent(documentId)}`, { headers: authHeader() }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`download: HTTP ${res.statusCode}`));
      const hash = createHash('sha256');
      pipeline(res, hash).then(() => resolve(hash.digest('hex')), reject);
    });
    req.on('error', reject);
    req.end();
  });
}

function figureOf(bytes: number, upload: Transfer, download: Transfer): Figure {
  const mb = (n: number) => round(n / MiB, 1);
  return {
    id: 'document_rss_growth',
    label: `peak RSS growth, ${mb(bytes)} MB document up and down`,
    value: mb(Math.max(upload.growthBytes, download.growthBytes)),
    unit: 'MB',
    target: { op: '<=', value: 64 },
    samples: 2,
    sampleKind: 'transfers',
    note: `upload +${mb(upload.growthBytes)} MB (${round(upload.seconds, 2)} s), download +${mb(download.growthBytes)} MB (${round(download.seconds, 2)} s)`,
    detail: {
      document_bytes: bytes,
      upload_growth_mb: mb(upload.growthBytes),
      upload_seconds: round(upload.seconds, 3),
      download_growth_mb: mb(download.growthBytes),
      download_seconds: round(download.seconds, 3),
    },
  };
}
