// The hub's wire types, shared with the hub itself (type-only: nothing of the hub is bundled).
export type {
  ChannelView,
  DirectoryEntry,
  DocumentListing,
  DocumentView,
  DownloadedText,
  MessageView,
  Posted,
  ReadPage,
  SearchResult,
  Registered,
  SessionMessages,
  SessionView,
  Status,
  TaskList,
  TaskOutcome,
  TaskView,
  VersionList,
  VersionView,
  WireError,
} from '../../../src/client/wire-types.js';
export type { RunView, StepView } from '../../../src/hub/views.js';

/** What GET /api/v1/whoami/token answers. */
export interface TokenInfo {
  id: string | null;
  name: string;
  role: string;
  workspace: string | null;
}

export interface WorkspaceInfo {
  name: string;
  trust: string;
}
