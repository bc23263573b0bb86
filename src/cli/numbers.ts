/**
 * A number option as typed. Nothing is judged here: the hub checks the value and names the field
 * in its refusal, so every surface refuses the same things with the same words.
 */
export const numberOf = (raw: string | undefined): number | undefined => (raw === undefined ? undefined : Number(raw));
