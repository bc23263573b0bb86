import type { BlobStore } from '../blobs/blob-store.js';
import type { Workspace } from '../domain/workspaces.js';
import type { EventBus } from '../events/bus.js';
import type { ControlStore } from '../store/control.js';
import type { Store } from '../store/store.js';
import type { ControlEvent } from '../events/pg-relay.js';

/** What a workspace keeps, opened: its store, its document bytes, and the bus its events travel on. */
export interface WorkspaceParts {
  store: Store;
  blobs: BlobStore;
  /** Absent: a bus of this process only. */
  bus?: EventBus;
}

/** Where workspaces keep their data: files in the data dir, or schemas of a shared database. */
export interface WorkspaceStorage {
  open(workspace: Workspace): Promise<WorkspaceParts>;
  /** Deletes a removed workspace's data. */
  remove(name: string): Promise<void>;
  /** The names that have data, so data left by an interrupted removal can be found. */
  present(): Promise<string[]>;
}

/** Several nodes share one database: what one node changes in memory, the others hear of. */
export interface NodeNews {
  announce(event: ControlEvent): void;
  /** A listener's failure is reported, not thrown: it may return a promise. */
  onControl(listener: (event: ControlEvent) => void | Promise<void>): () => void;
}

/** Everything a hub process keeps, wherever it is kept. */
export interface Backend {
  control: ControlStore;
  storage: WorkspaceStorage;
  /** Present when other nodes share the data. */
  news?: NodeNews;
  close(): Promise<void>;
}
