import { token } from '../../state/session.js';

/** Cancel and reassign need a coordinator (the hub refuses them to anyone else). */
export const canCoordinate = (): boolean => token.value?.role === 'coordinator' || token.value?.role === 'admin';

/** Acknowledging and resolving an alert are writes: any role but a viewer's. */
export const canWrite = (): boolean => token.value !== undefined && token.value.role !== 'viewer';
