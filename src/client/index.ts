/** The typed client of a Baton hub: what the CLI, workers and recipe runners use, from any machine. */
export { HubClient } from './hub-client.js';
export type { HubClientOptions, ListOptions, PostInput, ReadOptions, TextDownloadOptions, TextUpload } from './call-options.js';
export { HubClientError, HubUnreachableError, isHubClientError, type ClientErrorCode } from './client-error.js';
export type { ByteSource, DownloadOptions, OpenedDownload, UploadTarget } from './document-transfer.js';
export type { WaitOptions } from './wait-legs.js';
export type * from './wire-types.js';
export type { Completion, LeaseOptions, NewTask, Priority, Severity, TaskFields, TaskKind, TaskListOptions } from './task-options.js';
