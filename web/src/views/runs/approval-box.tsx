import { useState } from 'preact/hooks';
import { api } from '../../api/http.js';
import { token } from '../../state/session.js';
import { ErrorNote } from '../../ui/error-note.js';
import { runApi } from './run-paths.js';
import type { Approval, Run } from './types.js';

const DECIDES = new Set(['coordinator', 'admin']);

/** The question a paused run asks; a coordinator answers it here, anyone else sees that it waits. */
export function ApprovalBox({ run, approval, onDecided }: { run: Run; approval: Approval; onDecided: (run: Run) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const open = run.state === 'paused_for_approval' && approval.decision === null;
  const decide = async (decision: 'approve' | 'deny'): Promise<void> => {
    setBusy(true);
    setError(undefined);
    try {
      onDecided((await api<{ run: Run }>(`${runApi(run.id)}/approval`, { method: 'POST', body: { decision } })).run);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class={`runs-approval${open ? ' open' : ''}`} aria-label="Approval" data-testid="run-approval">
      <h3>
        Approval: <span class="runs-approval-stage">{approval.stage}</span>
      </h3>
      <p class="runs-approval-prompt">{approval.prompt}</p>
      {approval.decision !== null ? (
        <p data-testid="approval-decision">
          {approval.decision === 'approve' ? 'Approved' : 'Denied'}
          {approval.by ? ` by ${approval.by}` : ' by the runner'}
        </p>
      ) : !open ? null : DECIDES.has(token.value?.role ?? '') ? (
        <div class="runs-approval-actions">
          <button type="button" class="primary" disabled={busy} onClick={() => void decide('approve')}>
            Approve
          </button>
          <button type="button" class="danger" disabled={busy} onClick={() => void decide('deny')}>
            Deny
          </button>
        </div>
      ) : (
        <p class="muted">Waiting for a coordinator.</p>
      )}
      {error !== undefined && <ErrorNote error={error} />}
    </section>
  );
}
