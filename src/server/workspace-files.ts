import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { FileBlobStore } from '../blobs/file-blob-store.js';
import type { Limits } from '../core/limits.js';
import { DEFAULT_WORKSPACE, type Workspace } from '../domain/workspaces.js';
import type { AuditSink } from '../hub/audit.js';
import { createHub, type Hub } from '../hub/hub.js';
import { openSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createWorkspaceApp } from '../surfaces/http/workspace-app.js';
import type { Dashboard } from '../surfaces/web/dashboard.js';
import type { Gauges } from '../surfaces/http/wait-gauge.js';
import { mountMcp } from '../surfaces/mcp/mcp-http.js';
import type { Log } from './log.js';
import { VERSION } from './version.js';
import type { OpenWorkspace, WorkspaceFiles } from './workspace-hubs.js';

export interface WorkspaceFilesOptions {
  dataDir: string;
  publicUrl: string;
  limits: Partial<Limits>;
  audit: AuditSink;
  gauges: Gauges;
  log: Log;
  dashboard?: Dashboard;
}

/**
 * Each workspace in its own directory: `default` in the data dir itself (where a hub from before
 * workspaces kept everything), the others in `workspaces/<name>/`, each a SQLite file and its blobs.
 */
export function workspaceFiles(options: WorkspaceFilesOptions): WorkspaceFiles {
  const dirOf = (name: string) => (name === DEFAULT_WORKSPACE ? options.dataDir : join(options.dataDir, 'workspaces', name));
  return {
    async open(workspace: Workspace): Promise<OpenWorkspace> {
      const dir = dirOf(workspace.name);
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      const blobs = new FileBlobStore(join(dir, 'blobs'));
      // Safe only here: the data dir's lock guarantees no other hub writes into it, and this
      // workspace serves no request yet.
      blobs.discardUnfinished();
      const hub = await createHub({
        store: openSqliteStore(join(dir, 'hub.db')),
        blobs,
        publicUrl: workspace.name === DEFAULT_WORKSPACE ? options.publicUrl : `${options.publicUrl.replace(/\/+$/, '')}/w/${workspace.name}`,
        limits: options.limits,
        workspace: { ...workspace },
        audit: options.audit,
      });
      await discardUnreferenced(blobs, hub);
      const mcp = mountMcp(hub, { version: VERSION, log: options.log });
      const app = createWorkspaceApp(hub, options.gauges, { mount: mcp.mount, dashboard: options.dashboard, onUnexpected: (e) => options.log.error('unexpected error', e) });
      const quiesce = async () => {
        hub.waits.close();
        await mcp.close();
      };
      return {
        hub,
        fetch: (request, env) => app.fetch(request, env),
        quiesce,
        close: async () => {
          await quiesce();
          await hub.close();
        },
      };
    },
    async remove(name: string): Promise<void> {
      if (name !== DEFAULT_WORKSPACE) rmSync(dirOf(name), { recursive: true, force: true });
    },
    present(): string[] {
      try {
        return readdirSync(join(options.dataDir, 'workspaces'));
      } catch {
        return [];
      }
    },
  };
}

/** A blob left by a crash between its rename and its commit is referenced by no version. */
async function discardUnreferenced(blobs: FileBlobStore, hub: Hub): Promise<void> {
  for (const sha256 of blobs.stored()) {
    if (!(await hub.context.store.documents.blobInUse(sha256))) await blobs.remove(sha256);
  }
}
