import { Command, InvalidArgumentError } from 'commander';
import { DataDirInUse } from '../../server/data-dir-lock.js';
import { stderrLog } from '../../server/log.js';
import { startHub } from '../../server/start-hub.js';
import { dataDirOf } from '../data-dir.js';
import { defaultLimits, type Limits } from '../../core/limits.js';

export function serveCommand(): Command {
  return new Command('serve')
    .description('run a hub')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, 7420)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--data <dir>', 'data dir (env BATON_DATA; default ~/.baton)')
    .option('--public-url <url>', 'base of every web_url (env BATON_PUBLIC_URL)')
    .option('--lease <seconds>', 'a claim\'s lease when the claimer names none (default 900)', parseSeconds)
    .option('--lease-max <seconds>', 'the longest lease a claimer may ask for (default 14400)', parseSeconds)
    .option('--escalate-after <seconds>', 'escalate an alert nobody acknowledged within this long (default 600)', parseSeconds)
    .action(async (options: ServeOptions) => {
      const dataDir = dataDirOf(options.data);
      try {
        const running = await startHub({
          dataDir,
          port: options.port,
          host: options.host,
          publicUrl: options.publicUrl ?? process.env.BATON_PUBLIC_URL,
          limits: limitsOf(options),
        });
        // The first line on stdout is the address, for scripts and tests that start a hub.
        process.stdout.write(`baton listening on ${running.url} (data: ${dataDir})\n`);
        stopOnSignals(running.close);
      } catch (error) {
        if (error instanceof DataDirInUse || isAddressInUse(error)) {
          stderrLog.error(`baton: ${error instanceof DataDirInUse ? error.message : `port ${options.port} is already in use on ${options.host}`}`);
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
  publicUrl?: string;
  lease?: number;
  leaseMax?: number;
  escalateAfter?: number;
}

function limitsOf(options: ServeOptions): Partial<Limits> {
  const leaseMaxMs = (options.leaseMax ?? defaultLimits.leaseMaxMs / 1000) * 1000;
  const leaseDefaultMs = (options.lease ?? Math.min(defaultLimits.leaseDefaultMs, leaseMaxMs) / 1000) * 1000;
  if (leaseDefaultMs > leaseMaxMs) throw new InvalidArgumentError(`--lease (${leaseDefaultMs / 1000}) must not exceed --lease-max (${leaseMaxMs / 1000})`);
  return {
    leaseDefaultMs,
    leaseMaxMs,
    ...(options.escalateAfter !== undefined ? { alertEscalateMs: options.escalateAfter * 1000 } : {}),
  };
}

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

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new InvalidArgumentError('must be a port number from 0 to 65535');
  return port;
}
