import type { RunView, StepView } from '../../api/types.js';

/** A run as the list and the live stream carry it: the recipe text is left out, it never changes. */
export type Run = Omit<RunView, 'text'>;
export type Step = StepView;
export type Approval = NonNullable<Run['approval']>;
