/** How many HTTP waits (or event streams) are open right now; /healthz reports them, so an operator (or a test) can see them. */
export class WaitGauge {
  private count = 0;

  get pending(): number {
    return this.count;
  }

  async around<T>(work: () => Promise<T>): Promise<T> {
    this.count++;
    try {
      return await work();
    } finally {
      this.count--;
    }
  }
}

/** The hub's gauges: open waits and open event streams. */
export interface Gauges {
  waits: WaitGauge;
  streams: WaitGauge;
}
