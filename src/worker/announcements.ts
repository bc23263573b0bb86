import type { WorkerHub } from './worker-hub.js';
import type { WorkerOptions } from './worker-options.js';

/** The hub's title limit. */
const TITLE_MAX = 256;

const clip = (title: string): string => (title.length > TITLE_MAX ? `${title.slice(0, TITLE_MAX - 1)}…` : title);
const wanted = (labels: string[]): string => (labels.length ? `labels ${labels.join(', ')}` : 'every handoff');

/** `🚀 Starting` in general, as every instance announces its work; the body names the session. */
export async function announceStart(hub: WorkerHub, options: WorkerOptions): Promise<void> {
  await hub.client.post('general', {
    title: clip(`🚀 Starting: worker ${options.name} (${wanted(options.labels)})`),
    body: `Session ${options.name} (${hub.session}) takes handoffs (${wanted(options.labels)}), ${options.concurrency} at once.`,
  });
}

export interface Tally {
  completed: number;
  failed: number;
  released: number;
}

export async function announceStop(hub: WorkerHub, options: WorkerOptions, tally: Tally): Promise<void> {
  await hub.client.post('general', {
    title: clip(`📢 worker ${options.name} stopping`),
    body: `Session ${options.name} (${hub.session}): ${tally.completed} completed, ${tally.failed} failed, ${tally.released} given back.`,
  });
}
