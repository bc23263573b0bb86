import { invalidInput } from '../core/errors.js';
import { clip } from '../core/text.js';

/** `fenced`: peer text in MCP results is marked as data from its author; `trusted` turns that off. */
export const TRUST_LEVELS = ['fenced', 'trusted'] as const;
export type Trust = (typeof TRUST_LEVELS)[number];

export interface Workspace {
  name: string;
  trust: Trust;
  createdAt: number;
}

export const DEFAULT_WORKSPACE = 'default';

const NAME = /^[a-z0-9][a-z0-9_-]{0,39}$/;

/** A workspace name is part of URLs and of the data dir's paths, so it is kept plain. */
export function validWorkspaceName(raw: unknown, field = 'workspace'): string {
  if (typeof raw !== 'string' || raw === '') throw invalidInput(field, 'is required (a workspace name)');
  if (!NAME.test(raw)) {
    throw invalidInput(field, `'${clip(raw, 60)}' is not a workspace name: 1-40 of a-z, 0-9, '-' and '_', starting with a letter or digit`);
  }
  return raw;
}
