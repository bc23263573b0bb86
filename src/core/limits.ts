/** Limits with safe defaults; every one can be set when the hub starts. */
export interface Limits {
  /** Largest JSON request body (documents of any size stream through the PUT upload). */
  requestBytes: number;
  /** Waits one session may hold open at once. */
  waitsPerSession: number;
  /** Largest message body, in UTF-8 bytes. */
  messageBytes: number;
  titleChars: number;
  /** Largest document, in bytes. */
  documentBytes: number;
  /** Default and ceiling of the characters a read returns (an MCP result must stay far below 25k tokens). */
  readChars: number;
  readCharsMax: number;
  readLimitMax: number;
  waitDefaultMs: number;
  waitMaxMs: number;
  /** A claim's lease when the caller names none, and the longest one may ask for. */
  leaseDefaultMs: number;
  leaseMaxMs: number;
  /** An alert nobody acknowledges within this long is escalated. */
  alertEscalateMs: number;
}

export const defaultLimits: Limits = {
  requestBytes: 8 * 1024 * 1024,
  waitsPerSession: 16,
  messageBytes: 16 * 1024,
  titleChars: 256,
  documentBytes: 100 * 1024 * 1024,
  readChars: 24_000,
  readCharsMax: 60_000,
  readLimitMax: 200,
  waitDefaultMs: 30_000,
  waitMaxMs: 300_000,
  leaseDefaultMs: 15 * 60_000,
  leaseMaxMs: 4 * 60 * 60_000,
  alertEscalateMs: 10 * 60_000,
};
