/** What commands print. stdout carries results; the reason for a failure goes to stderr. */
export function print(text: string): void {
  process.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
}

export function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Prints the hub's JSON with --json, else the readable form. */
export function emit<T>(json: boolean | undefined, value: T, readable: (value: T) => string): void {
  if (json) printJson(value);
  else print(readable(value));
}
