import { signal } from '@preact/signals';
import { actAs, api } from '../api/http.js';
import type { Registered, SessionView, TokenInfo } from '../api/types.js';
import { WORKSPACE } from './place.js';

/** The token the page logged in with, and the person's own session in this workspace. */
export const token = signal<TokenInfo | undefined>(undefined);
export const me = signal<SessionView | undefined>(undefined);

const KEY = `baton.session.${WORKSPACE}`;

interface Kept {
  name: string;
  resume_token: string;
}

/**
 * People are sessions of kind `human`: the dashboard registers one under the token's name the first
 * time, and resumes the same one on every later visit (its resume token is kept in this browser).
 */
export async function signIn(): Promise<void> {
  const info = (await api<{ token: TokenInfo }>('/whoami/token', { hubWide: true })).token;
  token.value = info;
  const kept = read();
  const name = kept?.name ?? (info.name || 'person');
  const registered = await api<Registered>('/sessions', {
    method: 'POST',
    body: { name, kind: 'human', client: 'dashboard', role: 'human', ...(kept ? { resume_token: kept.resume_token } : {}) },
  }).catch(async () => api<Registered>('/sessions', { method: 'POST', body: { name, kind: 'human', client: 'dashboard', role: 'human' } }));
  localStorage.setItem(KEY, JSON.stringify({ name, resume_token: registered.resume_token } satisfies Kept));
  actAs(registered.session.id);
  me.value = registered.session;
}

function read(): Kept | undefined {
  try {
    const kept = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Kept | null;
    return kept && typeof kept.name === 'string' && typeof kept.resume_token === 'string' ? kept : undefined;
  } catch {
    return undefined;
  }
}
