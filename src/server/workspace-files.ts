import type { Limits } from '../core/limits.js';
import { DEFAULT_WORKSPACE, type Workspace } from '../domain/workspaces.js';
import type { AuditSink } from '../hub/audit.js';
import { createHub } from '../hub/hub.js';
import { createWorkspaceApp } from '../surfaces/http/workspace-app.js';
import type { Dashboard } from '../surfaces/web/dashboard.js';
import type { Gauges } from '../surfaces/http/wait-gauge.js';
import { mountMcp } from '../surfaces/mcp/mcp-http.js';
import type { Log } from './log.js';
import { VERSION } from './version.js';
import type { OpenWorkspace, WorkspaceFiles } from './workspace-hubs.js';
import type { WorkspaceStorage } from './workspace-storage.js';

export interface WorkspaceFilesOptions {
  storage: WorkspaceStorage;
  publicUrl: string;
  limits: Partial<Limits>;
  audit: AuditSink;
  gauges: Gauges;
  log: Log;
  dashboard?: Dashboard;
  /** Starts every MCP session id, so a load balancer can send a session back to the node that holds it. */
  mcpSessionPrefix?: string;
}

/** Each workspace served as its own hub, over the data its storage keeps for it. */
export function workspaceFiles(options: WorkspaceFilesOptions): WorkspaceFiles {
  return {
    async open(workspace: Workspace): Promise<OpenWorkspace> {
      const parts = await options.storage.open(workspace);
      const hub = await createHub({
        ...parts,
        publicUrl: workspace.name === DEFAULT_WORKSPACE ? options.publicUrl : `${options.publicUrl.replace(/\/+$/, '')}/w/${workspace.name}`,
        limits: options.limits,
        workspace: { ...workspace },
        audit: options.audit,
      });
      const mcp = mountMcp(hub, { version: VERSION, log: options.log, sessionPrefix: options.mcpSessionPrefix ?? '' });
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
    remove: (name) => options.storage.remove(name),
    present: () => options.storage.present(),
  };
}
