import { Command, InvalidArgumentError } from 'commander';
import { DataDirInUse } from '../../server/data-dir-lock.js';
import { stderrLog } from '../../server/log.js';
import { isLoopback } from '../../core/loopback.js';
import { DEFAULT_AUDIT_DAYS, DEFAULT_RATE, startHub, type RunningHub } from '../../server/start-hub.js';
import { dataDirOf } from '../data-dir.js';
import { redact, StoreUnusable } from '../../server/backend.js';
import { defaultLimits, type Limits } from '../../core/limits.js';

export function serveCommand(): Command {
  return new Command('serve')
    .description('run a hub')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 7420)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'data dir (env BATON_DATA; default ~/.baton)')
    .option('--store <url>', 'keep workspaces in PostgreSQL, shared by several nodes: postgres://user@host:5432/db (env BATON_STORE_URL; default: SQLite files in the data dir)')
    .option('--node <name>', 'this node\'s name among nodes sharing a store, 1-32 of a-z, 0-9 and \'-\' (env BATON_NODE; default: random)', parseNodeName)
    .option('--public-url <url>', 'base of every web_url (env BATON_PUBLIC_URL)')
    .option('--lease <seconds>', 'a claim\'s lease when the claimer names none (default 900)', parseSeconds)
    .option('--lease-max <seconds>', 'the longest lease a claimer may ask for (default 14400)', parseSeconds)
    .option('--escalate-after <seconds>', 'escalate an alert nobody acknowledged within this long (default 600)', parseSeconds)
    .option('--open', 'no tokens: every request may do everything (loopback only)')
    .option('--rate-limit <n>', 'requests per token per second, 0 for none (default 200)', count(0, 1_000_000))
    .option('--rate-burst <n>', 'requests a token may send at once before the rate applies (default 400)', count(1, 1_000_000))
    .option('--max-body <bytes>', 'largest JSON request (default 8388608)', count(1024, 1 << 30))
    .option('--max-message <bytes>', 'largest message body (default 16384)', count(256, 16 << 20))
    .option('--max-document <bytes>', 'largest document (default 104857600)', count(1, 2 ** 40))
    .option('--max-waits <n>', 'waits one session may hold open at once (default 16)', count(1, 10_000))
    .option('--audit-days <n>', 'days the audit log keeps an entry, 0 for ever (default 90)', count(0, 36_500))
    .action(async (options: ServeOptions) => {
      const dataDir = dataDirOf(options.data);
      if (options.open && !isLoopback(options.host)) {
        stderrLog.error(`baton: --open is for loopback only: a hub listening on ${options.host} needs tokens`);
        process.exit(1);
      }
      try {
        const store = options.store ?? (process.env.BATON_STORE_URL || undefined);
        const node = options.node ?? (process.env.BATON_NODE ? parseNodeName(process.env.BATON_NODE) : undefined);
        const running = await startHub({
          dataDir,
          ...(store ? { store } : {}),
          ...(node ? { node } : {}),
          port: options.port,
          host: options.host,
          publicUrl: options.publicUrl ?? process.env.BATON_PUBLIC_URL,
          limits: limitsOf(options),
          rate: { perSecond: options.rateLimit ?? DEFAULT_RATE.perSecond, burst: options.rateBurst ?? DEFAULT_RATE.burst },
          open: options.open ?? false,
          auditDays: options.auditDays ?? DEFAULT_AUDIT_DAYS,
        });
        // Before the address is announced: whoever reads it may stop the hub at once, and a signal
        // with no handler yet would kill it without closing its stores.
        stopOnSignals(running.close);
        // The first line on stdout is the address, for scripts and tests that start a hub.
        process.stdout.write(`baton listening on ${running.url} (data: ${dataDir}${store ? `; store: ${redact(store)}` : ''})\n`);
        process.stdout.write(howToConnect(running));
      } catch (error) {
        if (error instanceof DataDirInUse || isAddressInUse(error) || error instanceof StoreUnusable) {
          stderrLog.error(`baton: ${isAddressInUse(error) ? `port ${options.port} is already in use on ${options.host}` : (error as Error).message}`);
          process.exit(1);
        }
        throw error;
      }
    });
}

interface ServeOptions {
  port: number;
  host: string;
  data?: string;
  store?: string;
  node?: string;
  publicUrl?: string;
  lease?: number;
  leaseMax?: number;
  escalateAfter?: number;
  open?: boolean;
  rateLimit?: number;
  rateBurst?: number;
  maxBody?: number;
  maxMessage?: number;
  maxDocument?: number;
  maxWaits?: number;
  auditDays?: number;
}

function limitsOf(options: ServeOptions): Partial<Limits> {
  const leaseMaxMs = (options.leaseMax ?? defaultLimits.leaseMaxMs / 1000) * 1000;
  const leaseDefaultMs = (options.lease ?? Math.min(defaultLimits.leaseDefaultMs, leaseMaxMs) / 1000) * 1000;
  if (leaseDefaultMs > leaseMaxMs) throw new InvalidArgumentError(`--lease (${leaseDefaultMs / 1000}) must not exceed --lease-max (${leaseMaxMs / 1000})`);
  return {
    leaseDefaultMs,
    leaseMaxMs,
    ...(options.escalateAfter !== undefined ? { alertEscalateMs: options.escalateAfter * 1000 } : {}),
    ...(options.maxBody !== undefined ? { requestBytes: options.maxBody } : {}),
    ...(options.maxMessage !== undefined ? { messageBytes: options.maxMessage } : {}),
    ...(options.maxDocument !== undefined ? { documentBytes: options.maxDocument } : {}),
    ...(options.maxWaits !== undefined ? { waitsPerSession: options.maxWaits } : {}),
  };
}

/** What a person starting the hub needs next: where the admin token is and how agents connect. */
function howToConnect(running: RunningHub): string {
  if (!running.adminTokenFile) return `open mode: no tokens; connect an agent with: claude mcp add baton -- npx baton mcp\n`;
  const made = running.adminTokenCreated ? 'made an admin token' : 'admin token';
  return [
    `${made}: ${running.adminTokenFile} (mode 0600; commands on this machine use it by themselves)`,
    'connect an agent on this machine: claude mcp add baton -- npx baton mcp',
    `connect from elsewhere: baton token create --role agent, then send Authorization: Bearer <token> to ${running.url}/mcp`,
    '',
  ].join('\n');
}

const count = (min: number, max: number) => (raw: string): number => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`must be a whole number from ${min} to ${max}`);
  return n;
};

function parseSeconds(raw: string): number {
  const seconds = Number(raw);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 7 * 24 * 3600) throw new InvalidArgumentError('must be a whole number of seconds from 1 to 604800');
  return seconds;
}

function stopOnSignals(close: () => Promise<void>): void {
  const stop = (signal: string) => {
    stderrLog.info(`baton: ${signal}, shutting down`);
    close().then(
      () => process.exit(0),
      (error) => {
        stderrLog.error('baton: shutdown failed', error);
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
}

const isAddressInUse = (error: unknown): boolean => (error as { code?: string })?.code === 'EADDRINUSE';

function parseNodeName(raw: string): string {
  if (!/^[a-z0-9][a-z0-9-]{0,31}$/.test(raw)) throw new InvalidArgumentError('must be 1-32 of a-z, 0-9 and \'-\', starting with a letter or digit');
  return raw;
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return port;
}
