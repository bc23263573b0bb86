import type { TaskView } from '../client/wire-types.js';
import { followEvents, type StreamTarget } from '../client/live-events.js';

export interface TaskStreamHandlers {
  /** Connected (first time or again): what is open now must be read, since changes before this were not seen. */
  ready(): void;
  task(task: TaskView): void;
  dropped(reason: string, retryMs: number): void;
}

/** The worker's view of the live stream: handoff changes, and the moments it must read what is open. */
export function followTasks(target: StreamTarget, handlers: TaskStreamHandlers, signal: AbortSignal): Promise<void> {
  const event = ({ event, data }: { event: string; data: unknown }): void => {
    if (event === 'ready') handlers.ready();
    else if (event === 'task' && isTask(data)) handlers.task(data);
  };
  return followEvents({ ...target, channels: ['handoffs'] }, { event, dropped: handlers.dropped }, signal);
}

const isTask = (data: unknown): data is TaskView => typeof (data as { id?: unknown } | undefined)?.id === 'string';
