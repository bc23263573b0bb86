import { PgBlobStore } from '../blobs/pg-blob-store.js';
import { PgRelay } from '../events/pg-relay.js';
import { ident, PgDb } from '../store/postgres/pg-db.js';
import { openPgControl } from '../store/postgres/pg-control.js';
import { workspaceSchema } from '../store/postgres/pg-migrations.js';
import { openPgStore, tablesOf } from '../store/postgres/pg-store.js';
import type { Log } from './log.js';
import type { Backend, WorkspaceStorage } from './workspace-storage.js';

export interface PgBackendOptions {
  url: string;
  /** This node's name, so it can tell its own notifications from the others'. */
  node: string;
  /** Connections this node keeps open at most. */
  poolSize: number;
  log: Log;
}

/** Connections for uploads, apart from the pool: each holds one for as long as its bytes stream in. */
const UPLOAD_CONNECTIONS = 4;
const HOUR_MS = 3_600_000;

/**
 * One PostgreSQL database shared by every node: the control tables in one schema, each workspace
 * in a schema of its own, events between nodes over LISTEN/NOTIFY.
 */
export async function pgBackend(options: PgBackendOptions): Promise<Backend> {
  const db = new PgDb(options.url, options.poolSize);
  const uploads = new PgDb(options.url, UPLOAD_CONNECTIONS);
  const relay = new PgRelay({ url: options.url, node: options.node, onError: (message, error) => options.log.error(message, error) });
  const pools = async () => {
    await relay.close().catch(() => {});
    await Promise.all([db.close(), uploads.close()]);
  };
  try {
    const control = await openPgControl(db);
    await relay.start();
    const storage = pgStorage(db, uploads, relay, options.log);
    return {
      control,
      storage,
      news: relay,
      close: async () => {
        storage.stop();
        await control.close();
        await pools();
      },
    };
  } catch (error) {
    await pools();
    throw error;
  }
}

function pgStorage(db: PgDb, uploads: PgDb, relay: PgRelay, log: Log): WorkspaceStorage & { stop(): void } {
  const blobStores = new Map<string, PgBlobStore>();
  // Bytes no version uses (an upload cut off by a crash, a version refused) go once they are old enough.
  const discard = (name: string, blobs: PgBlobStore) =>
    blobs.discardUnused().then(
      () => {},
      (error: unknown) => log.error(`could not discard unused blobs of ${name}`, error),
    );
  const hourly = setInterval(() => blobStores.forEach((blobs, name) => void discard(name, blobs)), HOUR_MS).unref();
  return {
    async open(workspace) {
      const schema = workspaceSchema(workspace.name);
      const blobs = new PgBlobStore(db, tablesOf(schema), uploads);
      const store = await openPgStore(db, schema);
      blobStores.set(workspace.name, blobs);
      await discard(workspace.name, blobs);
      return { store, blobs, bus: relay.bus(workspace.name) };
    },
    async remove(name) {
      blobStores.delete(name);
      await db.query(`DROP SCHEMA IF EXISTS ${ident(workspaceSchema(name))} CASCADE`);
    },
    stop: () => clearInterval(hourly),
    // Nothing is swept at start: another node may be creating a workspace at that very moment, and
    // a removed workspace's schema is dropped again whenever its name is taken anew.
    async present() {
      return [];
    },
  };
}
