import { useEffect, useState } from 'preact/hooks';
import { api } from '../api/http.js';
import type { WorkspaceInfo } from '../api/types.js';
import { WORKSPACE } from '../state/place.js';

const pathOf = (name: string): string => (name === 'default' ? '/' : `/w/${encodeURIComponent(name)}/`);

/** The workspaces this token may see (one, unless it is an admin's); choosing one loads it. */
export function WorkspaceSwitch() {
  const [workspaces, setWorkspaces] = useState<WorkspaceInfo[]>([]);
  useEffect(() => {
    void api<{ workspaces: WorkspaceInfo[] }>('/workspaces', { hubWide: true })
      .then((r) => setWorkspaces(r.workspaces))
      .catch(() => setWorkspaces([]));
  }, []);
  if (workspaces.length <= 1) return <span class="workspace" data-testid="workspace">{WORKSPACE}</span>;
  return (
    <label class="workspace">
      <span class="sr-only">Workspace</span>
      <select data-testid="workspace" value={WORKSPACE} onChange={(event) => location.assign(pathOf(event.currentTarget.value))}>
        {workspaces.map((w) => (
          <option value={w.name}>{w.name}</option>
        ))}
      </select>
    </label>
  );
}
