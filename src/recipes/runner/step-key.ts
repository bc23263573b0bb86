/** Where a step execution sits in a run, stable across resumes: `<prefix><stage>/<id>[<item>]#<round>`. */
export interface Place {
  /** A sub-recipe's steps are kept under its step's key. */
  prefix: string;
  stage: string | null;
  stepId: string;
  item: number | null;
  round: number | null;
}

export const stepKey = (p: Place): string =>
  `${p.prefix}${p.stage ? `${p.stage}/` : ''}${p.stepId}${p.item === null ? '' : `[${p.item}]`}${p.round === null ? '' : `#${p.round}`}`;
