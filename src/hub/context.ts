import type { BlobStore } from '../blobs/blob-store.js';
import type { Clock } from '../core/clock.js';
import type { IdSource } from '../core/ids.js';
import type { Limits } from '../core/limits.js';
import type { Session } from '../domain/types.js';
import type { EventBus } from '../events/bus.js';
import type { Store } from '../store/store.js';
import type { Workspace } from '../domain/workspaces.js';
import type { Access } from './access.js';
import type { AuditSink } from './audit.js';
import type { Links } from './links.js';

/** What every hub service is built from; all of it injected. */
export interface HubContext {
  store: Store;
  blobs: BlobStore;
  bus: EventBus;
  clock: Clock;
  ids: IdSource;
  limits: Limits;
  links: Links;
  /** The workspace this hub serves; its settings can change while it runs. */
  workspace: Workspace;
  audit: AuditSink;
}

/** Who is calling: every write records this session as its author. */
export interface Caller {
  session: Session;
  access: Access;
}
