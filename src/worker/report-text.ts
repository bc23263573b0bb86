/**
 * The text a finished command leaves on its task. The hub refuses control characters and caps a
 * result at 8,000 characters and a reason at 2,000 (src/hub/task-inputs.ts), so output is made
 * to fit rather than refused.
 */
export const RESULT_MAX = 8000;
export const REASON_MAX = 2000;

const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(\u0007|\u001b\\)?/g;
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

/** Terminal colours and other control characters out; tabs and line breaks stay. */
export const printable = (text: string): string => text.replace(ANSI, '').replace(CONTROL, '');

/** The first `max` UTF-16 units, never ending inside a surrogate pair (the hub refuses a lone half). */
export function head(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return text.slice(0, cut);
}

/** The last `max` UTF-16 units, never starting inside a surrogate pair. */
export function tail(text: string, max: number): string {
  if (text.length <= max) return text;
  const start = text.length - max;
  return text.slice(isLowSurrogate(text.charCodeAt(start)) ? start + 1 : start);
}

const isHighSurrogate = (code: number): boolean => code >= 0xd800 && code <= 0xdbff;
const isLowSurrogate = (code: number): boolean => code >= 0xdc00 && code <= 0xdfff;

export interface Output {
  /** The start of stdout, as text. */
  text: string;
  /** Its whole size in bytes: more than the text covers when it was long. */
  bytes: number;
  /** True when `text` is only the start of it. */
  partial: boolean;
}

/**
 * The completion's result: stdout when it fits, else its start and a note saying it was cut and
 * where the whole of it is (or why it is nowhere).
 */
export function resultText(output: Output, document: { url: string } | { problem: string }): string {
  const text = printable(output.text);
  if (!output.partial && text.length <= RESULT_MAX) return text;
  const where = 'url' in document ? `the whole output is at ${document.url}` : `the whole output could not be uploaded: ${document.problem}`;
  const note = printable(`\n\n… (cut: the output is ${output.bytes} bytes; ${where})`).slice(0, RESULT_MAX / 2);
  return `${head(text, RESULT_MAX - note.length)}${note}`;
}

export interface Ending {
  code: number | null;
  signal: string | null;
  /** Why the command could not run at all (no shell, say). */
  error?: string;
}

/** The failure's reason: the end of stderr, else how the command ended. */
export function failureReason(stderr: string, ending: Ending): string {
  const text = printable(stderr).trim();
  if (text) return text.length > REASON_MAX ? `…${tail(text, REASON_MAX - 1)}` : text;
  return head(printable(howItEnded(ending)), REASON_MAX);
}

export function howItEnded(ending: Ending): string {
  if (ending.error) return `could not run the command: ${ending.error}`;
  if (ending.signal) return `killed by ${ending.signal}`;
  return `exited with code ${ending.code}`;
}

/** The reason in one short line, for the worker's own log. */
export function summary(reason: string, max = 160): string {
  const last = reason.split('\n').map((line) => line.trim()).filter(Boolean).at(-1) ?? reason;
  return last.length > max ? `${last.slice(0, max - 1)}…` : last;
}
