import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http.js';
import type { VersionList } from '../../api/types.js';
import { on } from '../../state/live.js';
import { debounced } from '../../ui/debounced.js';

export interface Versions {
  list?: VersionList;
  error?: unknown;
}

/**
 * A document and every version of it (by id, path or web_url, as the hub takes them), read again
 * when an event says this document changed (a new version, a move, a delete) or the stream reopens.
 */
export function useVersions(ref: string): Versions {
  const [versions, setVersions] = useState<Versions>({});
  useEffect(() => {
    let current = true;
    let id: string | undefined;
    const read = (): void => {
      api<VersionList>('/documents/versions', { query: { document_id: ref } }).then(
        (list) => {
          id = list.document.id;
          if (current) setVersions({ list });
        },
        (error: unknown) => current && setVersions({ error }),
      );
    };
    const soon = debounced(read, 150);
    setVersions({});
    read();
    const stops = [on('document', (event) => (event.document_id === id || event.document_id === ref) && soon()), on('ready', soon)];
    return () => {
      current = false;
      soon.cancel();
      for (const stop of stops) stop();
    };
  }, [ref]);
  return versions;
}
