import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http.js';
import type { SearchResult } from '../../api/types.js';

const LIMIT = 20;

export interface Search {
  /** The answer for `q`, or for the words before it while that one is on its way. */
  result?: SearchResult;
  error?: unknown;
  busy: boolean;
}

/** The search for these words; an answer that arrives after the words changed again is dropped. */
export function useSearch(q: string): Search {
  const [state, setState] = useState<Search>({ busy: false });
  useEffect(() => {
    if (!q) {
      setState({ busy: false });
      return;
    }
    let current = true;
    setState((kept) => ({ result: kept.result, busy: true }));
    api<SearchResult>('/search', { query: { q, limit: LIMIT } }).then(
      (result) => current && setState({ result, busy: false }),
      (error: unknown) => current && setState({ error, busy: false }),
    );
    return () => {
      current = false;
    };
  }, [q]);
  return state;
}
