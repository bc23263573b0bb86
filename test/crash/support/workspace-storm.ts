import { Ledger } from './ledger.js';
import { blob, text, title } from './random-input.js';
import { send as call, sendBytes, sha256, type Answer } from './wire.js';
import { WriterLoops } from './writer-loops.js';

const MAX_UPLOAD = 1024 * 1024;

/** A token and the session it registered: every write of the storm goes out as one of these. */
export interface Writer {
  tokenId: string;
  token: string;
  session: string;
}

/** Everything the hub acknowledged in one workspace, and the audit entries those writes must have left. */
export class WorkspaceAcks {
  readonly ledger = new Ledger();
  /** `<action> <target> <token id>` of each acknowledged write. */
  readonly audited = new Set<string>();

  constructor(
    readonly workspace: string,
    /** The path prefix of the workspace: '' for default, `/w/<name>` for the others. */
    readonly prefix: string,
  ) {}

  audit(action: string, target: string, writer: Writer): void {
    this.audited.add(`${action} ${target} ${writer.tokenId}`);
  }
}

/** Tokens the admin made during the storm whose creation was acknowledged. */
export interface MintedToken {
  id: string;
  secret: string;
}

/** A streamed upload into a workspace, as a writer. */
const put = (url: string, writer: Writer, prefix: string, path: string, bytes: Uint8Array): Promise<Answer> =>
  sendBytes(url, writer, `${prefix}/api/v1/documents/content?path=${encodeURIComponent(path)}`, bytes);

export interface StormCast {
  storm: { poster: Writer; uploader: Writer; author: Writer; claimer: Writer };
  base: { poster: Writer; uploader: Writer };
  /** The admin, who makes tokens while the others write. */
  admin: Writer;
}

/**
 * Concurrent writers in a non-default workspace (posts, uploads, task claims) and a few in
 * `default`, plus an admin making tokens, each looping until the hub is gone. Only answers read
 * in full with the expected status are recorded as acknowledged.
 */
export class WorkspaceStorm {
  private readonly loops = new WriterLoops();

  constructor(
    private readonly url: string,
    private readonly cast: StormCast,
    private readonly storm: WorkspaceAcks,
    private readonly base: WorkspaceAcks,
    private readonly minted: MintedToken[],
    private readonly cycle: number,
  ) {}

  run(): Promise<void> {
    const { storm, base } = this.cast;
    return this.loops.run([
      () => this.post(this.storm, storm.poster, 'general'),
      () => this.post(this.storm, storm.poster, 'alerts'),
      (n) => this.uploadJson(this.storm, storm.uploader, n),
      (n) => this.uploadStream(this.storm, storm.uploader, n),
      () => this.handoff(),
      () => this.post(this.base, base.poster, 'general'),
      (n) => this.uploadStream(this.base, base.uploader, n),
      () => this.mintToken(),
    ]);
  }

  /** Resolves once the acknowledgements satisfy a condition (checked after every write), or the storm ended. */
  until(done: () => boolean): Promise<void> {
    return this.loops.until(done);
  }

  private async post(acks: WorkspaceAcks, writer: Writer, channel: string): Promise<void> {
    const sent = { title: title(`${acks.workspace} c${this.cycle}`), body: text(0, 60) };
    const answer = await call(this.url, writer, 'POST', `${acks.prefix}/api/v1/channels/${channel}/messages`, sent);
    if (!this.acked(acks, answer, 201, `post to ${acks.workspace}/${channel}`)) return;
    recordMessage(acks, answer.body.message);
    acks.audit('message.post', answer.body.message.id, writer);
  }

  private async uploadJson(acks: WorkspaceAcks, writer: Writer, n: number): Promise<void> {
    const bytes = blob(MAX_UPLOAD);
    const path = `crash/json-${n % 5}.bin`;
    const answer = await call(this.url, writer, 'POST', `${acks.prefix}/api/v1/documents`, { path, content: bytes.toString('base64'), encoding: 'base64' });
    this.recordUpload(acks, writer, answer, bytes, path);
  }

  private async uploadStream(acks: WorkspaceAcks, writer: Writer, n: number): Promise<void> {
    const bytes = blob(MAX_UPLOAD);
    const path = `crash/stream-${n % 5}.bin`;
    this.recordUpload(acks, writer, await put(this.url, writer, acks.prefix, path, bytes), bytes, path);
  }

  /** Create a task as the author, then claim and complete it as the claimer. */
  private async handoff(): Promise<void> {
    const { author, claimer } = this.cast.storm;
    const acks = this.storm;
    const created = await call(this.url, author, 'POST', `${acks.prefix}/api/v1/tasks`, { task: title(`task c${this.cycle}`) });
    if (!this.acked(acks, created, 201, 'create task')) return;
    const id = created.body.task.id as string;
    acks.ledger.task(id, { task: created.body.task.task as string });
    recordMessage(acks, created.body.message);
    acks.audit('task.create', id, author);
    const claimed = await this.act(id, 'claim', { lease_seconds: 3600 });
    if (!claimed) return;
    acks.ledger.task(id, { claim: { holderId: claimer.session, fence: claimed.task.claim as number } });
    const result = text(1, 8);
    if (await this.act(id, 'complete', { result, claim: claimed.task.claim })) acks.ledger.task(id, { completed: { result } });
  }

  private async act(id: string, action: string, body: Record<string, unknown>): Promise<Record<string, any> | undefined> {
    const { claimer } = this.cast.storm;
    const answer = await call(this.url, claimer, 'POST', `${this.storm.prefix}/api/v1/tasks/${id}/${action}`, body);
    if (!this.acked(this.storm, answer, 200, `${action} ${id}`)) return undefined;
    for (const m of answer.body.messages as Record<string, any>[]) recordMessage(this.storm, m);
    this.storm.audit(`task.${action}`, id, claimer);
    return answer.body;
  }

  private async mintToken(): Promise<void> {
    const answer = await call(this.url, this.cast.admin, 'POST', '/api/v1/tokens', { role: 'viewer', workspace: this.storm.workspace, name: `minted-c${this.cycle}` });
    if (!this.acked(this.storm, answer, 201, 'create a token')) return;
    this.minted.push({ id: answer.body.token.id, secret: answer.body.secret });
  }

  private recordUpload(acks: WorkspaceAcks, writer: Writer, answer: Answer, bytes: Buffer, path: string): void {
    if (!this.acked(acks, answer, 201, `upload ${acks.workspace}/${path}`)) return;
    const version = answer.body.version as Record<string, any>;
    if (version.sha256 !== sha256(bytes) || version.size !== bytes.length) {
      acks.ledger.faults.push(`upload ${path}: acknowledged ${version.sha256}/${version.size}, sent ${sha256(bytes)}/${bytes.length}`);
    }
    const documentId = answer.body.document.id as string;
    acks.ledger.version({ documentId, path, version: version.version as number, sha256: sha256(bytes), size: bytes.length });
    acks.audit('document.upload', `${documentId} v${version.version}`, writer);
  }

  private acked(acks: WorkspaceAcks, answer: Answer, status: number, what: string): boolean {
    if (answer.status === status) return true;
    acks.ledger.faults.push(`${what}: ${answer.status} ${JSON.stringify(answer.body).slice(0, 200)}`);
    return false;
  }
}

function recordMessage(acks: WorkspaceAcks, m: Record<string, any>): void {
  acks.ledger.message({ id: m.id, channel: m.channel, title: m.title, content: m.content });
}
