import type { SearchResult } from '../../api/types.js';

export type MessageHitView = SearchResult['messages'][number];
export type DocumentHitView = SearchResult['documents'][number];
