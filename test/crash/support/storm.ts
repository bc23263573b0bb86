import type { Ledger } from './ledger.js';
import { blob, text, title } from './random-input.js';
import { call, put, sha256, type Answer } from './wire.js';
import { WriterLoops } from './writer-loops.js';

/** The sessions the storm writes as; registered once, they must survive every kill. */
export interface Writers {
  poster: string;
  uploader: string;
  author: string;
  claimer: string;
}

const MAX_UPLOAD = 3 * 1024 * 1024;

/**
 * Concurrent writers against one hub, each looping until its connection drops (the hub was
 * killed). Only answers read in full with a 2xx go into the ledger.
 */
export class Storm {
  private readonly loops = new WriterLoops();

  constructor(
    private readonly url: string,
    private readonly writers: Writers,
    private readonly ledger: Ledger,
    private readonly cycle: number,
  ) {}

  /** Runs every writer; resolves when all of them have lost the hub. */
  run(): Promise<void> {
    return this.loops.run([
      () => this.postTo('general'),
      () => this.postTo('alerts'),
      () => this.postTo('handoffs'),
      (n) => this.uploadJson(n),
      (n) => this.uploadStream(n),
      () => this.handoffByRoutes(),
      () => this.handoffByConvention(),
    ]);
  }

  /** Resolves once the ledger satisfies a condition (checked after every write), or the storm ended. */
  until(done: (ledger: Ledger) => boolean): Promise<void> {
    return this.loops.until(() => done(this.ledger));
  }

  private async postTo(channel: string): Promise<void> {
    const sent = { title: title(`c${this.cycle}`), body: text(0, 80) };
    const answer = await call(this.url, this.writers.poster, 'POST', `/channels/${channel}/messages`, sent);
    if (this.acked(answer, 201, `post to ${channel}`)) this.recordMessage(answer.body.message);
  }

  private async uploadJson(n: number): Promise<void> {
    const bytes = blob(MAX_UPLOAD);
    const path = `crash/json-${n % 7}.bin`;
    const body = { path, content: bytes.toString('base64'), encoding: 'base64' };
    this.recordUpload(await call(this.url, this.writers.uploader, 'POST', '/documents', body), bytes, path);
  }

  private async uploadStream(n: number): Promise<void> {
    const bytes = blob(MAX_UPLOAD);
    const path = `crash/stream-${n % 7}.bin`;
    this.recordUpload(await put(this.url, this.writers.uploader, path, bytes), bytes, path);
  }

  private async handoffByRoutes(): Promise<void> {
    const task = title(`task c${this.cycle}`);
    const created = await call(this.url, this.writers.author, 'POST', '/tasks', { task });
    if (!this.acked(created, 201, 'create task')) return;
    const id = created.body.task.id as string;
    this.ledger.task(id, { task: created.body.task.task as string });
    this.recordMessage(created.body.message);
    const claimed = await this.act(id, 'claim', { lease_seconds: 3600 });
    if (!claimed) return;
    this.ledger.task(id, { claim: { holderId: this.writers.claimer, fence: claimed.task.claim as number } });
    const result = text(1, 10);
    const completed = await this.act(id, 'complete', { result, claim: claimed.task.claim });
    if (completed) this.ledger.task(id, { completed: { result } });
  }

  private async handoffByConvention(): Promise<void> {
    const task = title(`🔄 Handoff: c${this.cycle}`);
    const posted = await call(this.url, this.writers.author, 'POST', '/channels/handoffs/messages', { title: task, body: text(0, 20) });
    if (!this.acked(posted, 201, 'post a handoff')) return;
    const id = posted.body.message.id as string;
    this.recordMessage(posted.body.message);
    this.ledger.task(id, { task: '' });
    const reply = { title: '✋ Claimed', body: text(0, 5), reply_to: id };
    const claimed = await call(this.url, this.writers.claimer, 'POST', '/channels/handoffs/messages', reply);
    if (!this.acked(claimed, 201, 'claim by reply')) return;
    this.recordMessage(claimed.body.message);
    this.ledger.task(id, { claim: { holderId: this.writers.claimer, fence: 1 } });
  }

  private async act(id: string, action: string, body: Record<string, unknown>): Promise<Record<string, any> | undefined> {
    const answer = await call(this.url, this.writers.claimer, 'POST', `/tasks/${id}/${action}`, body);
    if (!this.acked(answer, 200, `${action} ${id}`)) return undefined;
    for (const m of answer.body.messages as Record<string, any>[]) this.recordMessage(m);
    return answer.body;
  }

  private recordUpload(answer: Answer, bytes: Buffer, path: string): void {
    if (!this.acked(answer, 201, `upload ${path}`)) return;
    const version = answer.body.version as Record<string, any>;
    if (version.sha256 !== sha256(bytes) || version.size !== bytes.length) {
      this.ledger.faults.push(`upload ${path}: acknowledged ${version.sha256}/${version.size}, sent ${sha256(bytes)}/${bytes.length}`);
    }
    const documentId = answer.body.document.id as string;
    this.ledger.version({ documentId, path, version: version.version as number, sha256: sha256(bytes), size: bytes.length });
  }

  private recordMessage(m: Record<string, any>): void {
    this.ledger.message({ id: m.id, channel: m.channel, title: m.title, content: m.content });
  }

  private acked(answer: Answer, status: number, what: string): boolean {
    if (answer.status === status) return true;
    this.ledger.faults.push(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    return false;
  }
}
