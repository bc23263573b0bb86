import { afterAll } from 'vitest';

type Task = () => unknown;
const tasks: Task[] = [];
const onExit: Task[] = [];

/**
 * Runs a task when the current test file ends. Hooks registered inside beforeAll or a test are
 * ignored by vitest, so this module registers one afterAll while the file is being collected
 * (when it is first imported) and runs every task given to it, last first.
 */
export function atFileEnd(task: Task): void {
  tasks.push(task);
}

/** A synchronous last resort when the test worker exits without running its hooks. */
export function atProcessExit(task: Task): void {
  onExit.push(task);
}

afterAll(async () => {
  while (tasks.length > 0) await tasks.pop()!();
});

process.once('exit', () => {
  for (const task of onExit) task();
});
