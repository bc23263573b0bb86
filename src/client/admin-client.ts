import { HubHttp, type Query } from './hub-http.js';

export interface TokenView {
  id: string;
  name: string;
  role: string;
  workspace: string | null;
  created_at: string;
  expires_at: string | null;
  last_used_at: string | null;
  state: 'live' | 'expired' | 'revoked';
  revoked_at?: string;
}

export interface WorkspaceView {
  name: string;
  trust: string;
  created_at: string;
}

export interface AuditView {
  id: number;
  timestamp: string;
  workspace: string | null;
  token_id: string | null;
  token_name: string;
  session_id: string | null;
  action: string;
  target: string | null;
  outcome: 'ok' | 'denied';
  detail?: string;
}

export interface NewToken {
  role: string;
  workspace?: string;
  name?: string;
  expires?: string;
}

const API = '/api/v1';
const hubWide = { hubWide: true } as const;

/** The hub-wide API: workspaces, tokens, the audit log. Most of it needs an admin token. */
export class AdminClient {
  private readonly http: HubHttp;

  constructor(url: string, token?: string) {
    this.http = new HubHttp(url, undefined, token);
  }

  workspaces(): Promise<{ workspaces: WorkspaceView[] }> {
    return this.http.json('GET', `${API}/workspaces`, hubWide);
  }

  createWorkspace(name: string, trust?: string): Promise<{ workspace: WorkspaceView }> {
    return this.http.json('POST', `${API}/workspaces`, { ...hubWide, json: { name, ...(trust ? { trust } : {}) } });
  }

  updateWorkspace(name: string, trust: string): Promise<{ workspace: WorkspaceView }> {
    return this.http.json('PATCH', `${API}/workspaces/${encodeURIComponent(name)}`, { ...hubWide, json: { trust } });
  }

  deleteWorkspace(name: string): Promise<{ deleted: string }> {
    return this.http.json('DELETE', `${API}/workspaces/${encodeURIComponent(name)}`, hubWide);
  }

  tokens(all = false): Promise<{ tokens: TokenView[] }> {
    return this.http.json('GET', `${API}/tokens`, { ...hubWide, query: { all: all || undefined } });
  }

  createToken(input: NewToken): Promise<{ token: TokenView; secret: string }> {
    return this.http.json('POST', `${API}/tokens`, { ...hubWide, json: input });
  }

  revokeToken(id: string): Promise<{ token: TokenView }> {
    return this.http.json('DELETE', `${API}/tokens/${encodeURIComponent(id)}`, hubWide);
  }

  audit(query: Query): Promise<{ entries: AuditView[] }> {
    return this.http.json('GET', `${API}/audit`, { ...hubWide, query });
  }
}
