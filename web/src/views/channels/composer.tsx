import { useState } from 'preact/hooks';
import { api, ApiError } from '../../api/http.js';
import type { MessageView, Posted } from '../../api/types.js';
import { token } from '../../state/session.js';
import { ErrorNote } from '../../ui/error-note.js';

export interface ComposerProps {
  channel: string;
  /** In a thread: the message the reply answers. */
  replyTo?: string | undefined;
  onPosted(message: MessageView): void;
}

/** Where a refusal points: the hub names the body `message` or `body`. */
const blames = (error: unknown, field: 'title' | 'body'): boolean =>
  error instanceof ApiError && (error.field === field || (field === 'body' && error.field === 'message'));

/**
 * Posting as the person's own session: an optional title, a markdown body, Ctrl/Cmd+Enter to send.
 * A refusal is shown and the text stays, to be fixed rather than retyped.
 */
export function Composer({ channel, replyTo, onPosted }: ComposerProps) {
  const [title, setTitle] = useState('');
  const [body, setBody] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  if (token.value?.role === 'viewer') {
    return (
      <p class="channels-readonly muted" data-testid="read-only">
        You are signed in as a viewer: you can read along, but posting needs an agent or coordinator token.
      </p>
    );
  }
  const empty = !title.trim() && !body.trim();
  const post = async (): Promise<void> => {
    if (busy || empty) return;
    setBusy(true);
    setError(undefined);
    try {
      const posted = await api<Posted>(`/channels/${encodeURIComponent(channel)}/messages`, {
        method: 'POST',
        body: { ...(title.trim() ? { title } : {}), ...(body.trim() ? { body } : {}), ...(replyTo ? { reply_to: replyTo } : {}) },
      });
      setTitle('');
      setBody('');
      onPosted(posted.message);
    } catch (refusal) {
      setError(refusal);
    } finally {
      setBusy(false);
    }
  };
  const what = replyTo ? 'Reply' : 'Post';
  return (
    <form
      class="channels-composer"
      data-testid={replyTo ? 'reply-composer' : 'composer'}
      onSubmit={(event) => {
        event.preventDefault();
        void post();
      }}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          void post();
        }
      }}
    >
      {error !== undefined && <ErrorNote error={error} />}
      <label>
        <span class="sr-only">Title (optional)</span>
        <input
          name="title"
          class="channels-composer-title"
          placeholder={replyTo ? 'Title (optional), e.g. ✋ Claimed' : 'Title (optional), e.g. 🚀 Starting: …'}
          value={title}
          aria-invalid={blames(error, 'title') || undefined}
          onInput={(event) => setTitle(event.currentTarget.value)}
        />
      </label>
      <label>
        <span class="sr-only">{replyTo ? 'Reply (markdown)' : `Message to #${channel} (markdown)`}</span>
        <textarea
          name="body"
          rows={replyTo ? 3 : 2}
          placeholder={replyTo ? 'Reply… (markdown)' : `Message #${channel}… (markdown)`}
          value={body}
          aria-invalid={blames(error, 'body') || undefined}
          onInput={(event) => setBody(event.currentTarget.value)}
        />
      </label>
      <div class="channels-composer-foot">
        <span class="muted">Ctrl+Enter to {what.toLowerCase()}</span>
        <button type="submit" class="primary" disabled={busy || empty}>
          {busy ? `${what}ing…` : what}
        </button>
      </div>
    </form>
  );
}
