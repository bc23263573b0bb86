/** Every write the hub acknowledged (a 2xx answer read in full), kept across kills. */
export interface AckedMessage {
  id: string;
  channel: string;
  title: string;
  content: string;
}

export interface AckedVersion {
  documentId: string;
  path: string;
  version: number;
  sha256: string;
  size: number;
}

export interface AckedTask {
  id: string;
  task: string;
  /** The claim number and holder of an acknowledged claim. */
  claim?: { holderId: string; fence: number };
  /** The result of an acknowledged completion. */
  completed?: { result: string };
}

export class Ledger {
  readonly messages = new Map<string, AckedMessage>();
  readonly versions: AckedVersion[] = [];
  readonly tasks = new Map<string, AckedTask>();
  /** Answers that were neither an acknowledgement nor a dropped connection: each one is a hub fault. */
  readonly faults: string[] = [];
  acks = 0;

  message(m: AckedMessage): void {
    this.messages.set(m.id, m);
    this.acks++;
  }

  version(v: AckedVersion): void {
    this.versions.push(v);
    this.acks++;
  }

  task(id: string, change: Partial<AckedTask> & { task?: string }): void {
    const known = this.tasks.get(id) ?? { id, task: change.task ?? '' };
    this.tasks.set(id, { ...known, ...change });
    this.acks++;
  }
}
