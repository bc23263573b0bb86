import type { Problem } from './recipe-error.js';

/**
 * Where a loaded recipe's parts were written. The model carries no positions, so the loader keeps
 * them beside each recipe, stage and step object, and later checks can still say which line.
 */
export type Locate = (key: string | null) => number | null;

const places = new WeakMap<object, Locate>();

export function rememberPlace(target: object, locate: Locate): void {
  places.set(target, locate);
}

/** The line of `key` (dotted when nested) in the part, or of the part itself; null for a recipe built in code. */
export const lineOf = (target: object, key: string | null): number | null => places.get(target)?.(key) ?? null;

/**
 * A problem in `target` (a loaded recipe, stage or step), with the line of its key when known.
 * `lineKey` is the key relative to the target when the reported key is not (`approval.prompt` of `stages[1].approval.prompt`).
 */
export const problemAt = (target: object, step: string | null, key: string | null, message: string, lineKey = key): Problem => ({
  step,
  key,
  message,
  line: lineOf(target, lineKey),
});
