/**
 * Writers that each loop until their connection drops (the hub was killed), and waits for a
 * condition on what they have had acknowledged, checked after every write.
 */
export class WriterLoops {
  private readonly waiters: { done: () => boolean; resolve: () => void }[] = [];

  /** Runs each step in its own loop; resolves when every loop has lost the hub, ending every wait too. */
  run(steps: ((n: number) => Promise<void>)[]): Promise<void> {
    return Promise.all(steps.map((step) => this.loop(step))).then(() => {
      for (const w of this.waiters.splice(0)) w.resolve();
    });
  }

  /** Resolves once the condition holds (checked after every write), or the writers ended. */
  until(done: () => boolean): Promise<void> {
    return new Promise((resolve) => this.waiters.push({ done, resolve }));
  }

  private async loop(step: (n: number) => Promise<void>): Promise<void> {
    for (let n = 0; ; n++) {
      try {
        await step(n);
      } catch {
        return; // the hub is gone: whatever was in flight is unacknowledged
      }
      for (const w of this.waiters.filter((w) => w.done())) {
        this.waiters.splice(this.waiters.indexOf(w), 1);
        w.resolve();
      }
    }
  }
}
