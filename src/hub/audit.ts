import type { Access } from './access.js';

/** One line of the audit log: who (token, session) did what to which item, and whether it was let. */
export interface AuditEntry {
  at: number;
  workspace: string | null;
  tokenId: string | null;
  tokenName: string;
  sessionId: string | null;
  action: string;
  target: string | null;
  outcome: 'ok' | 'denied';
  detail?: string;
}

export interface AuditSink {
  /** Resolves once the entry is stored, so an acknowledged write always has its entry. */
  record(entry: AuditEntry): Promise<void>;
}

/** For a hub used as a library without an audit log. */
export const noAudit: AuditSink = { record: async () => {} };

/** What was done, where and by which session; the token comes from the access it was done with. */
export type AuditAct = Omit<AuditEntry, 'tokenId' | 'tokenName' | 'outcome'>;

export const auditEntry = (access: Access, act: AuditAct, outcome: AuditEntry['outcome']): AuditEntry => ({
  ...act,
  tokenId: access.tokenId,
  tokenName: access.tokenName,
  outcome,
});
