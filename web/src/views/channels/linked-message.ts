import { useEffect, useState } from 'preact/hooks';
import { api } from '../../api/http.js';
import type { MessageView } from '../../api/types.js';
import { isReply } from './merge.js';

/**
 * The message a link points at (`#<id>`), read from the hub, so the view knows its channel and
 * whether it is a reply before the window around it is shown. An unknown id shows nothing.
 */
export function useLinkedMessage(target: string | undefined): MessageView | undefined {
  const [linked, setLinked] = useState<MessageView>();
  useEffect(() => {
    setLinked(undefined);
    if (!target) return;
    let current = true;
    api<{ message: MessageView }>(`/messages/${encodeURIComponent(target)}`)
      .then(({ message }) => current && setLinked(message))
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [target]);
  return linked;
}

/** Where a linked message is seen: its channel, and for a reply its thread. */
export const placeOf = (m: MessageView): { channel: string; thread: string | undefined } => ({
  channel: m.channel,
  thread: isReply(m) ? m.thread_id : undefined,
});
