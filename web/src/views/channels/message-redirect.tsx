import { useEffect, useState } from 'preact/hooks';
import { useLocation, useRoute } from 'preact-iso';
import { api } from '../../api/http.js';
import type { MessageView } from '../../api/types.js';
import { ErrorNote } from '../../ui/error-note.js';
import { channelPath } from './channel-path.js';
import { placeOf } from './linked-message.js';

/** A message's web_url (`/m/<id>`) followed inside the app: its channel at that message, its thread open for a reply. */
export function MessageRedirect() {
  const { params } = useRoute();
  const { route } = useLocation();
  const [error, setError] = useState<unknown>();
  const id = params.id ?? '';
  useEffect(() => {
    let current = true;
    api<{ message: MessageView }>(`/messages/${encodeURIComponent(id)}`)
      .then(({ message }) => {
        const place = placeOf(message);
        if (current) route(channelPath(place.channel, { thread: place.thread, at: message.id }), true);
      })
      .catch((failure: unknown) => current && setError(failure));
    return () => {
      current = false;
    };
  }, [id]);
  return <section class="view">{error === undefined ? <p class="muted">Opening the message…</p> : <ErrorNote error={error} />}</section>;
}
