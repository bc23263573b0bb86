import type { Clock } from '../../src/core/clock.js';

/** A clock that moves only when the test says so. */
export class ManualClock implements Clock {
  constructor(private time = Date.parse('2026-01-20T09:00:00Z')) {}

  now(): number {
    return this.time;
  }

  advance(ms: number): void {
    this.time += ms;
  }
}
