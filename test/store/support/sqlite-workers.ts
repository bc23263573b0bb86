import { once } from 'node:events';
import { Worker } from 'node:worker_threads';

export type WorkerTask =
  | { mode: 'open'; file: string }
  | { mode: 'append'; file: string; writer: number; perWriter: number; channelIds: number[]; authorId: string }
  | { mode: 'claim'; file: string; taskIds: string[]; holderId: string; channelId: number; now: number };

export interface Reply {
  ready?: boolean;
  done?: boolean;
  error?: string;
  /** The tasks a claim worker won. */
  won?: string[];
}

const SCRIPT = new URL('./sqlite-worker.mjs', import.meta.url);

/**
 * Runs each task on its own thread with its own connection to the file, all released at the same
 * moment once every thread is ready. Rejects with the first worker's error; resolves with each
 * worker's last reply, in the order of the tasks.
 */
export async function runSqliteWorkers(tasks: WorkerTask[]): Promise<Reply[]> {
  const workers = tasks.map((task) => new Worker(SCRIPT, { workerData: task }));
  try {
    await Promise.all(workers.map((w) => nextReply(w)));
    const finished = workers.map((w) => nextReply(w));
    for (const w of workers) w.postMessage('go');
    return await Promise.all(finished);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

async function nextReply(worker: Worker): Promise<Reply> {
  // once() rejects if the worker emits 'error' (an uncaught exception) first.
  const [reply] = (await once(worker, 'message')) as [Reply];
  if (reply.error) throw new Error(`worker failed: ${reply.error}`);
  return reply;
}
