import { href } from '../../state/place.js';

export const runPath = (id: string): string => href(`/runs/${encodeURIComponent(id)}`);
export const runApi = (id: string): string => `/runs/${encodeURIComponent(id)}`;
export const messagePath = (id: string): string => href(`/m/${encodeURIComponent(id)}`);
