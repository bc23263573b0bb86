import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { Ending } from './report-text.js';

/** How long a command asked to stop (SIGTERM) has before it is killed (SIGKILL). */
export const STOP_GRACE_MS = 10_000;
/** After the command exits, how long what it started may keep its output open before the worker stops reading. */
const DRAIN_MS = 5_000;
/** Enough of stderr's end for a failure's reason, in bytes. */
const STDERR_KEEP = 16 * 1024;

export interface CommandSpec {
  command: string;
  /** Written to stdin, then stdin is closed. */
  input: string;
  env: NodeJS.ProcessEnv;
  /** Where stdout is written as it comes: it may be far larger than memory should hold. */
  stdoutFile: string;
}

export interface CommandEnd extends Ending {
  stdoutBytes: number;
  /** The end of stderr. */
  stderr: string;
}

export interface RunningCommand {
  readonly ended: Promise<CommandEnd>;
  /** SIGTERM to the command's process group, SIGKILL after the grace period to whatever is left of it. */
  stop(): void;
  /** SIGKILL to the process group at once. */
  kill(): void;
}

/**
 * Runs a command through the shell in its own process group, so stopping it stops whatever it
 * started too, and a Ctrl-C at the worker's terminal reaches the worker alone, which decides.
 */
export function runCommand(spec: CommandSpec): RunningCommand {
  const child = spawn(spec.command, { shell: true, detached: true, env: spec.env, stdio: ['pipe', 'pipe', 'pipe'] });
  const group = new ProcessGroup(child.pid);
  const stderr = new Tail(STDERR_KEEP);
  child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
  let stdoutBytes = 0;
  child.stdout.on('data', (chunk: Buffer) => (stdoutBytes += chunk.length));
  const written = pipeline(child.stdout, createWriteStream(spec.stdoutFile)).catch(() => undefined);
  // A command that never reads its input must not fail the worker with EPIPE.
  child.stdin.on('error', () => undefined);
  child.stdin.end(spec.input);
  const ended = new Promise<CommandEnd>((resolve) => {
    let spawnError: string | undefined;
    let drainTimer: NodeJS.Timeout | undefined;
    const finish = (code: number | null, signal: NodeJS.Signals | null) => {
      clearTimeout(drainTimer);
      group.settle();
      void written.then(() => resolve({ code, signal, ...(spawnError ? { error: spawnError } : {}), stdoutBytes, stderr: stderr.text() }));
    };
    child.once('error', (error) => {
      spawnError = error.message;
      if (child.pid === undefined) finish(null, null);
    });
    child.once('exit', () => {
      // What the command started may keep its output open; the task ends with the command itself.
      drainTimer = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
      }, DRAIN_MS);
    });
    // After the exit and the end of its output, so nothing it wrote is lost.
    child.once('close', (code, signal) => finish(code, signal));
  });
  return { ended, stop: () => group.stop(), kill: () => group.signal('SIGKILL') };
}

/** A command's process group: the shell and all it started, signalled together. */
class ProcessGroup {
  private graceTimer: NodeJS.Timeout | undefined;

  constructor(private readonly id: number | undefined) {}

  stop(): void {
    if (this.graceTimer || !this.alive()) return;
    this.signal('SIGTERM');
    this.graceTimer = setTimeout(() => this.signal('SIGKILL'), STOP_GRACE_MS);
  }

  signal(signal: NodeJS.Signals): void {
    if (this.id === undefined) return;
    try {
      process.kill(-this.id, signal);
    } catch {
      // Nothing left of it.
    }
  }

  /**
   * The command is over: the SIGKILL is needed only for what of the group outlived it, and that
   * must not keep the worker from exiting.
   */
  settle(): void {
    if (this.alive()) this.graceTimer?.unref();
    else clearTimeout(this.graceTimer);
  }

  private alive(): boolean {
    if (this.id === undefined) return false;
    try {
      process.kill(-this.id, 0);
      return true;
    } catch {
      return false;
    }
  }
}

/** The last bytes of a stream. */
class Tail {
  private chunks: Buffer[] = [];
  private size = 0;

  constructor(private readonly keep: number) {}

  push(chunk: Buffer): void {
    this.chunks.push(chunk);
    this.size += chunk.length;
    while (this.chunks.length > 1 && this.size - this.chunks[0]!.length >= this.keep) this.size -= this.chunks.shift()!.length;
  }

  text(): string {
    const all = Buffer.concat(this.chunks);
    return all.subarray(Math.max(0, all.length - this.keep)).toString('utf8');
  }
}
