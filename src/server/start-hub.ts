import { mkdirSync } from 'node:fs';
import { loadDashboard } from '../surfaces/web/dashboard.js';
import { webRoot } from './web-root.js';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { randomWord } from '../core/ids.js';
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import type { Hono } from 'hono';
import { AdminService } from '../access/admin-service.js';
import { AuditLog } from '../access/audit-log.js';
import { RateLimiter } from '../access/rate-limiter.js';
import { TokenService } from '../access/token-service.js';
import { systemClock } from '../core/clock.js';
import { isLoopback } from '../core/loopback.js';
import { defaultLimits, type Limits } from '../core/limits.js';
import { openBackend } from './backend.js';
import { createHttpApp } from '../surfaces/http/app.js';
import { answerClientErrors, answerUnreadableRequest } from '../surfaces/http/client-errors.js';
import { Gate } from '../surfaces/http/gate.js';
import { WaitGauge } from '../surfaces/http/wait-gauge.js';
import { noteLocalHub } from '../client/local-hubs.js';
import { ensureAdminToken } from './admin-token.js';
import { lockDataDir } from './data-dir-lock.js';
import { stderrLog, type Log } from './log.js';
import { VERSION } from './version.js';
import { workspaceFiles } from './workspace-files.js';
import { WorkspaceHubs } from './workspace-hubs.js';

export interface StartOptions {
  dataDir: string;
  /** A postgres:// URL: the workspaces live in that database, shared with other nodes. Default: SQLite files in the data dir. */
  store?: string;
  /** This node's name among the nodes sharing a database (default: a random one). */
  node?: string;
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  publicUrl?: string;
  limits?: Partial<Limits>;
  /** Requests per token per second (0: no limit) and the burst a token may spend at once. */
  rate?: { perSecond: number; burst: number };
  /** How many days the audit log keeps an entry (0: for ever). */
  auditDays?: number;
  /** No tokens: every request may do everything. Refused unless the hub listens on loopback. */
  open?: boolean;
  log?: Log;
  /** How long in-flight requests get to finish on shutdown. */
  drainMs?: number;
}

export interface RunningHub {
  workspaces: WorkspaceHubs;
  url: string;
  port: number;
  /** Where the local admin token is kept (absent in open mode). */
  adminTokenFile?: string;
  /** True when this start made the admin token. */
  adminTokenCreated: boolean;
  close(): Promise<void>;
}

export const DEFAULT_RATE = { perSecond: 200, burst: 400 };
export const DEFAULT_AUDIT_DAYS = 90;
const DAY_MS = 86_400_000;

/**
 * Starts a hub: takes the data dir's lock, opens the control file and every workspace, listens,
 * and returns a handle whose close() answers waiters, lets in-flight requests finish, and releases
 * everything.
 */
export async function startHub(options: StartOptions): Promise<RunningHub> {
  const log = options.log ?? stderrLog;
  const host = options.host ?? '127.0.0.1';
  if (options.open && !isLoopback(host)) throw new Error(`--open is for loopback only: a hub on ${host} needs tokens`);
  mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const lock = lockDataDir(options.dataDir);
  let app: Hono | undefined;
  // The listener (not createAdaptorServer) so that unreadable requests get the JSON error shape.
  const server = createServer(
    getRequestListener((request: Request) => app?.fetch(request) ?? new Response('starting', { status: 503 }), { errorHandler: answerUnreadableRequest }),
  );
  answerClientErrors(server);
  const node = options.node ?? `n${randomWord(5)}`;
  let backend;
  try {
    backend = await openBackend({ dataDir: options.dataDir, store: options.store, node, log });
  } catch (error) {
    lock.release();
    throw error;
  }
  const { control } = backend;
  try {
    const port = await listen(server, options.port ?? 7420, host);
    const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
    const publicUrl = options.publicUrl ?? url;
    if (!isLoopback(host) && !publicUrl.startsWith('https://')) {
      log.info(`baton: warning: listening on ${host} but the public URL ${publicUrl} is not https: tokens cross the network in the clear`);
    }
    const clock = systemClock;
    const tokens = new TokenService(control, clock, backend.news);
    const audit = new AuditLog(control.audit);
    const gauges = { waits: new WaitGauge(), streams: new WaitGauge() };
    const root = webRoot();
    const dashboard = root ? loadDashboard(root) : undefined;
    if (!dashboard) log.info('baton: the dashboard is not built (npm run build): pages are shown without it');
    const files = workspaceFiles({
      storage: backend.storage,
      publicUrl,
      limits: options.limits ?? {},
      audit,
      gauges,
      log,
      dashboard,
      // Only nodes sharing a database need their sessions told apart.
      ...(backend.news ? { mcpSessionPrefix: `${node}.` } : {}),
    });
    const workspaces = new WorkspaceHubs(control, files, clock, backend.news);
    await workspaces.start();
    const adminToken = options.open ? undefined : await ensureAdminToken(options.dataDir, tokens);
    const rate = options.rate ?? DEFAULT_RATE;
    const gate = new Gate({ tokens, audit, open: options.open ?? false, limiter: new RateLimiter(rate.perSecond, rate.burst), now: clock.now });
    app = createHttpApp({
      version: VERSION,
      gate,
      workspaces,
      admin: new AdminService(tokens, workspaces, audit, clock),
      gauges,
      requestBytes: { ...defaultLimits, ...options.limits }.requestBytes,
      secureCookies: publicUrl.startsWith('https://'),
      dashboard,
      onUnexpected: (e) => log.error('unexpected error', e),
    });
    lock.announce({ pid: process.pid, url });
    const unnote = noteLocalHub(url, resolve(options.dataDir));
    const sweeping = sweepEverySecond(workspaces, log);
    const pruning = pruneHourly(audit, (options.auditDays ?? DEFAULT_AUDIT_DAYS) * DAY_MS, log);
    const close = once(async () => {
      clearInterval(sweeping);
      clearInterval(pruning);
      await workspaces.quiesceAll();
      await drain(server, options.drainMs ?? 10_000);
      await workspaces.closeAll();
      await audit.flush();
      await backend.close();
      unnote();
      lock.release();
    });
    return { workspaces, url, port, ...(adminToken ? { adminTokenFile: adminToken.file } : {}), adminTokenCreated: adminToken?.created ?? false, close };
  } catch (error) {
    server.close();
    await backend.close();
    lock.release();
    throw error;
  }
}

/** The audit log keeps what it was told to keep: pruned at start and every hour after. */
function pruneHourly(audit: AuditLog, keepMs: number, log: Log): NodeJS.Timeout {
  const prune = () => void audit.prune(Date.now(), keepMs).catch((error: unknown) => log.error('audit prune failed', error));
  prune();
  return setInterval(prune, 3_600_000).unref();
}

/** Lease expiry and alert escalation in every workspace; a sweep that fails is logged and tried again a second later. */
function sweepEverySecond(workspaces: WorkspaceHubs, log: Log): NodeJS.Timeout {
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    Promise.all(workspaces.hubs().map((hub) => hub.sweeper.sweep().catch((error: unknown) => log.error(`sweep of ${hub.context.workspace.name} failed`, error))))
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
