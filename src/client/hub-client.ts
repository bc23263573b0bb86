import {
  downloadFile,
  openDownload,
  uploadFile,
  uploadStream,
  type ByteSource,
  type DownloadOptions,
  type OpenedDownload,
  type UploadTarget,
} from './document-transfer.js';
import type { HubClientOptions, ListOptions, PostInput, ReadOptions, TextDownloadOptions, TextUpload } from './call-options.js';
import { HubHttp } from './hub-http.js';
import type { StreamTarget } from './live-events.js';
import type { Completion, LeaseOptions, NewTask, TaskFields, TaskListOptions } from './task-options.js';
import { waitInLegs, type WaitOptions } from './wait-legs.js';
import type {
  ChannelView,
  Deleted,
  DocumentListing,
  DownloadedText,
  Health,
  MessageView,
  Moved,
  Posted,
  ReadPage,
  Registered,
  RegisterInput,
  Restored,
  SessionView,
  Status,
  TaskCreated,
  TaskList,
  TaskOutcome,
  TaskView,
  Uploaded,
  VersionList,
  WaitOutcome,
} from './wire-types.js';

const API = '/api/v1';
const enc = encodeURIComponent;

/**
 * A typed client of one hub's HTTP API. Each method is one request (a very long wait, a few;
 * uploads and downloads stream); a refusal throws a HubClientError with the hub's code, status
 * and message.
 */
export class HubClient {
  private readonly http: HubHttp;

  constructor(options: HubClientOptions) {
    this.http = new HubHttp(options.url, options.session, options.token, options.workspace);
  }

  get url(): string {
    return this.http.url;
  }

  /** The workspace it speaks to; undefined for `default`. */
  get workspace(): string | undefined {
    return this.http.workspace;
  }

  /** The session this client acts as, if any. */
  get session(): string | undefined {
    return this.http.session;
  }

  health(): Promise<Health> {
    return this.http.json('GET', '/healthz');
  }

  /** Creates a session, or (same name and resume_token) gets the earlier one back; the client then acts as it. */
  async register(input: RegisterInput): Promise<Registered> {
    const registered = await this.http.json<Registered>('POST', `${API}/sessions`, { json: input });
    this.http.session = registered.session.id;
    return registered;
  }

  async whoami(): Promise<SessionView> {
    return (await this.http.json<{ session: SessionView }>('GET', `${API}/whoami`)).session;
  }

  /** Channels with this session's unread counts, and the sessions around. */
  status(): Promise<Status> {
    return this.http.json('GET', `${API}/status`);
  }

  async sessions(limit?: number): Promise<SessionView[]> {
    return (await this.http.json<{ sessions: SessionView[] }>('GET', `${API}/sessions`, { query: { limit } })).sessions;
  }

  async channels(): Promise<ChannelView[]> {
    return (await this.http.json<{ channels: ChannelView[] }>('GET', `${API}/channels`)).channels;
  }

  async createChannel(name: string, description?: string): Promise<ChannelView> {
    const json = description === undefined ? { name } : { name, description };
    return (await this.http.json<{ channel: ChannelView }>('POST', `${API}/channels`, { json })).channel;
  }

  post(channel: string, input: PostInput): Promise<Posted> {
    return this.http.json('POST', `${API}/channels/${enc(channel)}/messages`, { json: input });
  }

  read(channel: string, options: ReadOptions = {}): Promise<ReadPage> {
    return this.http.json('GET', `${API}/channels/${enc(channel)}/messages`, { query: { ...options } });
  }

  /**
   * Waits for a message in any of the channels after a cursor (or, without one, this session's
   * unread cursor), optionally only with a title matching a pattern. Waits longer than one HTTP
   * request may safely last are made of several shorter ones.
   */
  wait(channels: string[], options: WaitOptions = {}, signal?: AbortSignal): Promise<WaitOutcome> {
    return waitInLegs(options, (leg) =>
      this.http.json('GET', `${API}/wait`, { query: { channels, ...leg }, ...(signal ? { signal } : {}) }),
    );
  }

  async message(id: string): Promise<MessageView> {
    return (await this.http.json<{ message: MessageView }>('GET', `${API}/messages/${enc(id)}`)).message;
  }

  /** One folder level with its subfolders ('' or 'root' is the top), or every document below it. */
  listDocuments(folder = '', options: ListOptions = {}): Promise<DocumentListing> {
    return this.http.json('GET', `${API}/documents`, { query: { folder_path: folder, ...options } });
  }

  /** Uploads text (or base64 binary) in one JSON request; use uploadFile or uploadStream for large documents. */
  upload(input: TextUpload): Promise<Uploaded> {
    return this.http.json('POST', `${API}/documents`, { json: input });
  }

  uploadFile(file: string, target: UploadTarget = {}): Promise<Uploaded> {
    return uploadFile(this.http, file, target);
  }

  /** Streams bytes of unknown length; give `size` when known so the hub can refuse too-large uploads at once. */
  uploadStream(source: ByteSource, target: UploadTarget, size?: number): Promise<Uploaded> {
    return uploadStream(this.http, source, target, size);
  }

  /** Streams a document (id, path or web_url) into a file. */
  download(document: string, file: string, options: DownloadOptions = {}) {
    return downloadFile(this.http, document, file, options);
  }

  openDownload(document: string, options: DownloadOptions = {}): Promise<OpenedDownload> {
    return openDownload(this.http, document, options);
  }

  /** A document's content in a bounded JSON result: text, or base64 for binary, with next_offset when cut. */
  downloadText(document: string, options: TextDownloadOptions = {}): Promise<DownloadedText> {
    return this.http.json('GET', `${API}/documents/text`, { query: { document_id: document, ...options } });
  }

  versions(document: string): Promise<VersionList> {
    return this.http.json('GET', `${API}/documents/versions`, { query: { document_id: document } });
  }

  move(document: string, to: string): Promise<Moved> {
    return this.http.json('POST', `${API}/documents/move`, { json: { document_id: document, to } });
  }

  /** Deletes softly: the document can be restored. */
  delete(document: string): Promise<Deleted> {
    return this.http.json('POST', `${API}/documents/delete`, { json: { document_id: document } });
  }

  /** Restores a deleted document, named by its id. */
  restore(documentId: string): Promise<Restored> {
    return this.http.json('POST', `${API}/documents/restore`, { json: { document_id: documentId } });
  }

  /** Where this client's workspace streams its live events (see followEvents). */
  get liveTarget(): StreamTarget {
    return this.http.liveTarget;
  }

  async tasks(options: TaskListOptions = {}): Promise<TaskView[]> {
    return (await this.http.json<TaskList>('GET', `${API}/tasks`, { query: { ...options } })).tasks;
  }

  async task(id: string): Promise<TaskView> {
    return (await this.http.json<{ task: TaskView }>('GET', `${API}/tasks/${enc(id)}`)).task;
  }

  /** Creates a handoff (in handoffs) or, with kind 'alert', an alert (in alerts). */
  createTask(input: NewTask): Promise<TaskCreated> {
    return this.http.json('POST', `${API}/tasks`, { json: input });
  }

  handoff(input: TaskFields & { channel?: string }): Promise<TaskCreated> {
    return this.createTask({ ...input, kind: 'handoff' });
  }

  alert(input: Omit<NewTask, 'kind'>): Promise<TaskCreated> {
    return this.createTask({ ...input, kind: 'alert' });
  }

  /** First claim wins: a task someone else holds is refused with a conflict naming them. */
  claim(id: string, lease_seconds?: number): Promise<TaskOutcome> {
    return this.act(id, 'claim', { lease_seconds });
  }

  renew(id: string, options: LeaseOptions = {}): Promise<TaskOutcome> {
    return this.act(id, 'renew', options);
  }

  release(id: string, reason?: string): Promise<TaskOutcome> {
    return this.act(id, 'release', { reason });
  }

  /** Posts `✅ Complete` to general and in the thread; `next` hands off the following step at once. */
  complete(id: string, completion: Completion = {}): Promise<TaskOutcome> {
    return this.act(id, 'complete', completion);
  }

  /** Posts `🚨 Blocked` to alerts. */
  fail(id: string, reason: string, claim?: number): Promise<TaskOutcome> {
    return this.act(id, 'fail', { reason, claim });
  }

  /** Needs the coordinator role. */
  cancel(id: string, reason?: string): Promise<TaskOutcome> {
    return this.act(id, 'cancel', { reason });
  }

  /** Gives the task to another session (its id); needs the coordinator role. */
  reassign(id: string, to: string, lease_seconds?: number): Promise<TaskOutcome> {
    return this.act(id, 'reassign', { to, lease_seconds });
  }

  /** Acknowledges an alert: first acknowledgement wins, like a claim. */
  ack(id: string): Promise<TaskOutcome> {
    return this.act(id, 'ack', {});
  }

  resolve(id: string, result?: string): Promise<TaskOutcome> {
    return this.act(id, 'resolve', { result });
  }

  private act(id: string, action: string, body: object): Promise<TaskOutcome> {
    return this.http.json('POST', `${API}/tasks/${enc(id)}/${action}`, { json: body });
  }
}
