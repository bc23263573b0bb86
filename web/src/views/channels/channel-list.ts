import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http.js';
import type { ChannelView } from '../../api/types.js';
import { on } from '../../state/live.js';

export interface ChannelList {
  channels: ChannelView[] | undefined;
  error: unknown;
}

/** The workspace's channels, read again when the stream reopens or a message names one not listed (it was just made). */
export function useChannelList(): ChannelList {
  const [list, setList] = useState<ChannelList>({ channels: undefined, error: undefined });
  useEffect(() => {
    let known: Set<string> | undefined;
    let alive = true;
    const read = (): void => {
      api<{ channels: ChannelView[] }>('/channels')
        .then(({ channels }) => {
          known = new Set(channels.map((c) => c.name));
          if (alive) setList({ channels, error: undefined });
        })
        .catch((error: unknown) => alive && setList((l) => ({ ...l, error })));
    };
    read();
    const offReady = on('ready', read);
    const offMessage = on('message', (m) => {
      if (known && !known.has(m.channel)) read();
    });
    return () => {
      alive = false;
      offReady();
      offMessage();
    };
  }, []);
  return list;
}
