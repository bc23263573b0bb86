/** An option that may be given several times (`--label a --label b`) collects its values. */
export const repeatable = (value: string, previous: string[] = []): string[] => [...previous, value];
