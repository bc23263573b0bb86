import { isHubClientError, isTransient } from '../client/client-error.js';

export { isTransient };

/** The hub said no (for a renewal: the lease is no longer ours); a transient failure is not a refusal. */
export const isRefusal = (error: unknown): boolean => !isTransient(error);

export const isConflict = (error: unknown): boolean => isHubClientError(error) && error.code === 'conflict';

export const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));
