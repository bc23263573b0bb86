import { href } from '../../state/place.js';

/** The page of a session, and of a message (its channel at that message); ids are data, so they are encoded. */
export const sessionPath = (id: string): string => href(`/sessions/${encodeURIComponent(id)}`);
export const messagePath = (id: string): string => href(`/m/${encodeURIComponent(id)}`);
