/** What happened, as the worker tells it: one line per event, readable or (with --json) one JSON object. */
export type WorkerEvent =
  | { event: 'started'; name: string; session: string; workspace: string; labels: string[]; concurrency: number }
  | { event: 'watching'; url: string }
  | { event: 'dropped'; reason: string; retry_ms: number }
  | { event: 'claimed'; task: string; title: string; claim: number }
  | { event: 'completed'; task: string; seconds: number; document: string | null }
  | { event: 'failed'; task: string; seconds: number; reason: string }
  | { event: 'released'; task: string; reason: string }
  | { event: 'lost'; task: string; reason: string }
  | { event: 'problem'; task: string | null; reason: string }
  | { event: 'stopping'; reason: string }
  | { event: 'stopped'; completed: number; failed: number; released: number };

export type Write = (line: string) => void;

export class WorkerLog {
  constructor(
    private readonly write: Write,
    private readonly json = false,
  ) {}

  tell(event: WorkerEvent): void {
    this.write(this.json ? JSON.stringify(event) : readable(event));
  }
}

const seconds = (s: number): string => `${s.toFixed(1)} s`;
const wanted = (labels: string[]): string => (labels.length ? `labels ${labels.join(', ')}` : 'every handoff');

function readable(e: WorkerEvent): string {
  switch (e.event) {
    case 'started':
      return `started worker ${e.name} (${e.session}) in ${e.workspace}: ${wanted(e.labels)}, ${e.concurrency} at once`;
    case 'watching':
      return `watching ${e.url} for handoffs`;
    case 'dropped':
      return `lost the hub's stream (${e.reason}): reconnecting in ${seconds(e.retry_ms / 1000)}`;
    case 'claimed':
      return `claimed ${e.task} ${JSON.stringify(e.title)}`;
    case 'completed':
      return `completed ${e.task} in ${seconds(e.seconds)}`;
    case 'failed':
      return `failed ${e.task} in ${seconds(e.seconds)}: ${e.reason}`;
    case 'released':
      return `released ${e.task}: ${e.reason}`;
    case 'lost':
      return `lost ${e.task}: ${e.reason}`;
    case 'problem':
      return e.task ? `problem with ${e.task}: ${e.reason}` : `problem: ${e.reason}`;
    case 'stopping':
      return `stopping (${e.reason})`;
    case 'stopped':
      return `stopped: ${e.completed} completed, ${e.failed} failed, ${e.released} released`;
  }
}
