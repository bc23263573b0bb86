import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { FileBlobStore } from '../blobs/file-blob-store.js';
import type { Limits } from '../core/limits.js';
import { createHub, type Hub } from '../hub/hub.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createHttpApp } from '../surfaces/http/app.js';
import { answerClientErrors, answerUnreadableRequest } from '../surfaces/http/client-errors.js';
import { mountMcp } from '../surfaces/mcp/mcp-http.js';
import { lockDataDir } from './data-dir-lock.js';
import { stderrLog, type Log } from './log.js';
import { VERSION } from './version.js';

export interface StartOptions {
  dataDir: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  publicUrl?: string;
  limits?: Partial<Limits>;
  log?: Log;
  /** How long in-flight requests get to finish on shutdown. */
  drainMs?: number;
}

export interface RunningHub {
  hub: Hub;
  url: string;
  port: number;
  close(): Promise<void>;
}

/**
 * Starts a hub: takes the data dir's lock, opens the store, listens, and returns a handle whose
 * close() answers waiters, lets in-flight requests finish, and releases everything.
 */
export async function startHub(options: StartOptions): Promise<RunningHub> {
  const log = options.log ?? stderrLog;
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(options.dataDir);
  let app: Hono | undefined;
  // The listener (not createAdaptorServer) so that unreadable requests get the JSON error shape.
  const server = createServer(
    getRequestListener((request: Request) => app?.fetch(request) ?? new Response('starting', { status: 503 }), { errorHandler: answerUnreadableRequest }),
  );
  answerClientErrors(server);
  try {
    const port = await listen(server, options.port ?? 7420, options.host ?? '127.0.0.1');
    const host = options.host ?? '127.0.0.1';
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const store = openSqliteStore(join(options.dataDir, 'hub.db'));
    const blobs = new FileBlobStore(join(options.dataDir, 'blobs'));
    // Safe only here: the lock guarantees no other hub is writing into this data dir.
    blobs.discardUnfinished();
    const hub = await createHub({
      store,
      blobs,
      publicUrl: options.publicUrl ?? url,
      limits: options.limits ?? {},
    });
    const mcp = mountMcp(hub, { version: VERSION, log });
    // Before any request is served: a blob left by a crash between its rename and its commit is
    // unreferenced, and no upload can be racing this sweep yet.
    await discardUnreferenced(blobs, hub);
    app = createHttpApp(hub, { version: VERSION, mount: mcp.mount, onUnexpected: (e) => log.error('unexpected error', e) });
    lock.announce({ pid: process.pid, url });
    const sweeping = sweepEverySecond(hub, log);
    const close = once(async () => {
      clearInterval(sweeping);
      hub.waits.close();
      await mcp.close();
      await drain(server, options.drainMs ?? 10_000);
      await hub.close();
      lock.release();
    });
    return { hub, url, port, close };
  } catch (error) {
    server.close();
    lock.release();
    throw error;
  }
}

async function discardUnreferenced(blobs: FileBlobStore, hub: Hub): Promise<void> {
  for (const sha256 of blobs.stored()) {
    if (!(await hub.context.store.documents.blobInUse(sha256))) await blobs.remove(sha256);
  }
}

/** Lease expiry and alert escalation; a sweep that fails is logged and tried again a second later. */
function sweepEverySecond(hub: Hub, log: Log): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    hub.sweeper
      .sweep()
      .catch((error: unknown) => log.error('sweep failed', error))
      .finally(() => (running = false));
  }, 1000);
  return timer.unref();
}

type NodeServer = Server;

function listen(server: NodeServer, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

/** Stops accepting, closes idle connections, and cuts the rest once drainMs has passed. */
function drain(server: NodeServer, drainMs: number): Promise<void> {
  return new Promise((resolve) => {
    const force = setTimeout(() => 'closeAllConnections' in server && server.closeAllConnections(), drainMs);
    server.close(() => {
      clearTimeout(force);
      resolve();
    });
    if ('closeIdleConnections' in server) server.closeIdleConnections();
  });
}

function once(fn: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => (running ??= fn());
}
