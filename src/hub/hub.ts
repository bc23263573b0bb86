import { LocalBus } from '../events/bus.js';
import { systemClock } from '../core/clock.js';
import { randomIds } from '../core/ids.js';
import { defaultLimits, type Limits } from '../core/limits.js';
import type { BlobStore } from '../blobs/blob-store.js';
import type { EventBus } from '../events/bus.js';
import type { Store } from '../store/store.js';
import type { Clock } from '../core/clock.js';
import type { IdSource } from '../core/ids.js';
import { DEFAULT_WORKSPACE, type Workspace } from '../domain/workspaces.js';
import { noAudit, type AuditSink } from './audit.js';
import { ChannelService } from './channel-service.js';
import type { Caller, HubContext } from './context.js';
import { DocumentService } from './document-service.js';
import { EventFeed } from './event-feed.js';
import { makeLinks } from './links.js';
import { MessageService } from './message-service.js';
import { ReadService } from './read-service.js';
import { RunService } from './run-service.js';
import { SearchService } from './search-service.js';
import { SessionService } from './session-service.js';
import { StatusService } from './status-service.js';
import { TaskService } from './task-service.js';
import { TaskSweeper } from './task-sweeper.js';
import { WaitService } from './wait-service.js';

export interface HubOptions {
  store: Store;
  blobs: BlobStore;
  publicUrl: string;
  bus?: EventBus;
  clock?: Clock;
  ids?: IdSource;
  limits?: Partial<Limits>;
  /** Default: the `default` workspace, peer text fenced. */
  workspace?: Workspace;
  audit?: AuditSink;
}

/** The one API every surface calls. No rule lives in a surface; they translate to these calls. */
export interface Hub {
  readonly context: HubContext;
  readonly sessions: SessionService;
  readonly channels: ChannelService;
  readonly messages: MessageService;
  readonly reads: ReadService;
  readonly waits: WaitService;
  readonly documents: DocumentService;
  readonly tasks: TaskService;
  /** Recipe runs and their steps. */
  readonly runs: RunService;
  /** Full-text search over messages and documents. */
  readonly search: SearchService;
  /** The live feed behind event streams. */
  readonly events: EventFeed;
  /** Lease expiry and escalation; the server runs it every second, tests call it with their clock. */
  readonly sweeper: TaskSweeper;
  readonly status: StatusService;
  /** Answers waiters and closes the store. */
  close(): Promise<void>;
}

export type { Caller };

export async function createHub(options: HubOptions): Promise<Hub> {
  const context: HubContext = {
    store: options.store,
    blobs: options.blobs,
    bus: options.bus ?? new LocalBus(),
    clock: options.clock ?? systemClock,
    ids: options.ids ?? randomIds,
    limits: { ...defaultLimits, ...options.limits },
    links: makeLinks(options.publicUrl),
    workspace: options.workspace ?? { name: DEFAULT_WORKSPACE, trust: 'fenced', createdAt: 0 },
    audit: options.audit ?? noAudit,
  };
  const sessions = new SessionService(context);
  const channels = new ChannelService(context);
  await channels.ensureDefaults();
  const waits = new WaitService(context, channels);
  const tasks = new TaskService(context, channels);
  return {
    context,
    sessions,
    channels,
    messages: new MessageService(context, channels, tasks),
    tasks,
    runs: new RunService(context, tasks),
    events: new EventFeed(context, channels),
    search: new SearchService(context),
    sweeper: new TaskSweeper(context, tasks),
    reads: new ReadService(context, channels),
    waits,
    documents: new DocumentService(context),
    status: new StatusService(context, sessions),
    close: async () => {
      await waits.close();
      await context.store.close();
    },
  };
}
