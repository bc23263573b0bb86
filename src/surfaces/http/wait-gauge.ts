/** How many HTTP waits are pending right now; /healthz reports it, so an operator (or a test) can see them. */
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
