import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/** The data dir: --data, else BATON_DATA, else ~/.baton (one hub per user). */
export const dataDirOf = (flag?: string): string => resolve(flag ?? process.env.BATON_DATA ?? join(homedir(), '.baton'));
