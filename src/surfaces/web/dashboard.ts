import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { lookup } from 'mime-types';
import { escapeHtml } from './markdown.js';

/** One built file, held compressed both ways: the build is small and never changes while the hub runs. */
export interface Asset {
  type: string;
  etag: string;
  raw: Buffer;
  gzip: Buffer;
  brotli: Buffer;
}

/**
 * The dashboard as built by Vite: its page shell (index.html, into which each page's server-rendered
 * fallback goes) and its hashed assets.
 */
export interface Dashboard {
  /** The shell with this title and this HTML inside the app's root element. */
  shell(title: string, body: string): string;
  asset(name: string): Asset | undefined;
}

const SLOT = '<!--page-->';

export function loadDashboard(root: string): Dashboard {
  const template = readFileSync(join(root, 'index.html'), 'utf8');
  if (!template.includes(SLOT)) throw new Error(`${root}/index.html has no ${SLOT} slot`);
  const assets = new Map<string, Asset>();
  for (const name of readdirSync(join(root, 'assets'))) assets.set(name, compressed(name, readFileSync(join(root, 'assets', name))));
  return {
    shell: (title, body) => template.replace(/<title>[^<]*<\/title>/, `<title>${escapeHtml(title)} · Baton</title>`).replace(SLOT, () => `<main>${body}</main>`),
    asset: (name) => assets.get(name),
  };
}

function compressed(name: string, raw: Buffer): Asset {
  return {
    type: lookup(name) || 'application/octet-stream',
    etag: `"${createHash('sha256').update(raw).digest('base64url').slice(0, 22)}"`,
    raw,
    gzip: gzipSync(raw, { level: 9 }),
    brotli: brotliCompressSync(raw),
  };
}
