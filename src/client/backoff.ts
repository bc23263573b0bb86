/**
 * Delays between attempts that grow while the hub stays away and start small again once it
 * answers; a little randomness keeps many workers from coming back in step.
 */
export class Backoff {
  private attempt = 0;

  constructor(
    private readonly firstMs = 250,
    private readonly maxMs = 15_000,
  ) {}

  next(): number {
    const base = Math.min(this.maxMs, this.firstMs * 2 ** this.attempt);
    this.attempt++;
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  reset(): void {
    this.attempt = 0;
  }
}
