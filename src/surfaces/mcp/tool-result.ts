import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { BatonError } from '../../core/errors.js';

/**
 * A tool result is JSON as text. Errors are text too, `{"success": false, "error": …}`, because some
 * MCP clients ignore `isError` and only read the text; the flag is set as well.
 */
export const success = (value: object): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify(value) }],
});

export const failure = (value: object): CallToolResult => ({
  content: [{ type: 'text', text: JSON.stringify(value) }],
  isError: true,
});

/** An error of the contract, with its exact wording. */
export const contractError = (error: string, extra: object = {}): CallToolResult =>
  failure({ success: false, error, code: 'invalid_input', ...extra });

/** The hub speaks of its own field names; a tool speaks of its parameters. */
export type FieldNames = Readonly<Record<string, string>>;

export function hubFailure(error: BatonError, names: FieldNames = {}): CallToolResult {
  const field = error.field && names[error.field];
  if (!field) return failure(error.toJSON());
  const message = error.message.startsWith(`${error.field}:`) ? `${field}${error.message.slice(error.field!.length)}` : error.message;
  return failure(new BatonError(error.code, message, field).toJSON());
}

/** Adds the session's pending notices to a result's JSON; a result without notices is left as it is. */
export function withNotices(result: CallToolResult, notices: readonly string[]): CallToolResult {
  const first = result.content[0];
  if (notices.length === 0 || result.content.length !== 1 || first?.type !== 'text') return result;
  const value: unknown = JSON.parse(first.text);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return result;
  return { ...result, content: [{ type: 'text', text: JSON.stringify({ ...value, notices }) }] };
}
