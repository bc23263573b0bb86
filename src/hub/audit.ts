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
