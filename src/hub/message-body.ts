import { invalidInput, tooLarge } from '../core/errors.js';

/** A message body (a post's, or a handoff's own) fits the hub's limit and holds no NUL. */
export function checkMessageBody(body: string, limit: number, field: string): void {
  const bytes = Buffer.byteLength(body);
  if (bytes > limit) {
    throw tooLarge(
      field,
      `${field} is ${bytes} bytes, over the ${limit}-byte limit: upload the text as a document ` + '(collab_documents upload) and post its web_url instead',
    );
  }
  if (body.includes('\u0000')) throw invalidInput(field, 'must not contain NUL characters');
}
