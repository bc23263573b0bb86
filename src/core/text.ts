import { createHash } from 'node:crypto';

/** A value echoed back in an error, cut to a readable length. */
export const clip = (text: string, max: number): string => (text.length > max ? `${text.slice(0, max)}…` : text);

/** The hex sha256 of a secret, the only form in which secrets are stored. */
export const sha256Hex = (text: string): string => createHash('sha256').update(text).digest('hex');
