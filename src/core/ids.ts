import { randomBytes, randomInt } from 'node:crypto';

/** Ids are short and readable in a channel; injected so tests can make them predictable. */
export interface IdSource {
  session(): string;
  document(): string;
  token(): string;
}

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function randomWord(length: number): string {
  let word = '';
  for (let i = 0; i < length; i++) word += ALPHABET[randomInt(ALPHABET.length)];
  return word;
}

export const randomIds: IdSource = {
  session: () => `s-${randomWord(6)}`,
  document: () => `d-${randomWord(10)}`,
  token: () => randomBytes(24).toString('base64url'),
};

/** Message ids come from the store's position, so they are unique without a retry. */
export const messageId = (seq: number): string => `m-${seq.toString(36)}`;

export function seqOfMessageId(id: string): number | undefined {
  const match = /^m-([0-9a-z]{1,11})$/.exec(id);
  if (!match?.[1]) return undefined;
  const seq = parseInt(match[1], 36);
  return Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;
}
