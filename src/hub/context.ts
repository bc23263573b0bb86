import type { BlobStore } from '../blobs/blob-store.js';
import type { Clock } from '../core/clock.js';
import type { IdSource } from '../core/ids.js';
import type { Limits } from '../core/limits.js';
import type { Session } from '../domain/types.js';
import type { EventBus } from '../events/bus.js';
import type { Store } from '../store/store.js';
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
}

/** Who is calling: every write records this session as its author. */
export interface Caller {
  session: Session;
}
