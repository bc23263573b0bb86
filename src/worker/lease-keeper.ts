import type { HubClient } from '../client/hub-client.js';
import { isRefusal, messageOf } from './hub-errors.js';

export interface LeaseTerms {
  taskId: string;
  /** The claim number: a renewal for a claim that is no longer current is refused. */
  claim: number;
  /** Asked for on every renewal; undefined: the hub's default. */
  leaseSeconds: number | undefined;
  /** The lease's length as granted, which sets the pace of renewals. */
  leaseMs: number;
}

/**
 * Renews a claim at a third of its lease while the command runs, so one late or lost renewal
 * still leaves time for the next. A refusal means the lease is gone (expired, reassigned,
 * cancelled): `onLost` is told once and renewing stops. A hub that does not answer is tried
 * again at the next turn.
 */
export class LeaseKeeper {
  private readonly timer: NodeJS.Timeout;
  private renewing = false;
  private stopped = false;

  constructor(
    private readonly client: HubClient,
    private readonly terms: LeaseTerms,
    private readonly onLost: (why: string) => void,
  ) {
    this.timer = setInterval(() => void this.renew(), Math.max(250, Math.floor(terms.leaseMs / 3)));
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private async renew(): Promise<void> {
    if (this.renewing || this.stopped) return;
    this.renewing = true;
    try {
      await this.client.renew(this.terms.taskId, { lease_seconds: this.terms.leaseSeconds, claim: this.terms.claim });
    } catch (error) {
      if (isRefusal(error) && !this.stopped) {
        this.stop();
        this.onLost(messageOf(error));
      }
    } finally {
      this.renewing = false;
    }
  }
}
