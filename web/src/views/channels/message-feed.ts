import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from '../../api/http.js';
import type { MessageView, ReadPage } from '../../api/types.js';
import { on } from '../../state/live.js';
import { merge } from './merge.js';

/** What a feed reads: a channel's latest messages, a thread, or a channel forward from a cursor. */
export interface FeedSource {
  channel: string;
  thread?: string | undefined;
  since?: string | undefined;
  /** Shown first: a read `since` a message id starts just after that message. */
  anchor?: MessageView | undefined;
}

export interface Feed {
  /** The channel's own name, as the hub spells it (a read resolves `General` or `#general`). */
  channel: string | undefined;
  messages: MessageView[];
  loading: boolean;
  error: unknown;
  /** Newer messages exist than the ones shown (a forward read that has not reached the newest yet). */
  newer: boolean;
  readNewer(): void;
  /** A message the person just posted, shown before its live event arrives. */
  add(message: MessageView): void;
}

const LATEST = 100;
const THREAD = 200;
/** Generous: a chat window shows whole messages, the hub's default bound is for agents' contexts. */
const MAX_CHARS = 60_000;

interface State {
  channel: string | undefined;
  messages: MessageView[];
  loading: boolean;
  error: unknown;
  newer: boolean;
}

const EMPTY: State = { channel: undefined, messages: [], loading: true, error: undefined, newer: false };

/**
 * A window of messages kept live: read once, then every message the stream brings that belongs
 * here is added, without polling. Messages that arrive while a read is on its way are held and
 * merged after it, so none is lost or shown twice; when the stream reopens, the window is read again.
 */
export function useMessageFeed(source: FeedSource): Feed {
  const [state, setState] = useState<State>(EMPTY);
  const control = useRef<{ readNewer(): void; add(m: MessageView): void }>({ readNewer() {}, add() {} });
  const key = JSON.stringify([source.channel, source.thread ?? '', source.since ?? '', source.anchor?.id ?? '']);

  useEffect(() => {
    setState(EMPTY);
    let name: string | undefined;
    let generation = 0;
    let held: MessageView[] | undefined;
    let atNewest = false;
    let cursor = source.since;
    const belongs = (m: MessageView): boolean => m.channel === name && (!source.thread || m.thread_id === source.thread);

    const read = async (fresh: boolean): Promise<void> => {
      const mine = ++generation;
      held = [];
      const forward = fresh ? source.since : cursor;
      const query = source.thread ? { thread: source.thread, limit: THREAD } : forward !== undefined ? { since: forward, limit: LATEST } : { limit: LATEST };
      setState((s) => ({ ...s, loading: true }));
      try {
        const page = await api<ReadPage>(`/channels/${encodeURIComponent(source.channel)}/messages`, { query: { ...query, max_chars: MAX_CHARS } });
        if (mine !== generation) return;
        name = page.channel;
        cursor = page.next_cursor;
        atNewest = !('since' in query && page.truncated);
        const arrived = atNewest ? held.filter(belongs) : [];
        held = undefined;
        const first = fresh && source.anchor && source.since === source.anchor.id ? [source.anchor] : [];
        setState((s) => ({
          channel: page.channel,
          messages: merge(fresh ? first : s.messages, [...page.messages, ...arrived]),
          loading: false,
          error: undefined,
          newer: !atNewest,
        }));
      } catch (error) {
        if (mine !== generation) return;
        held = undefined;
        setState((s) => ({ ...s, loading: false, error }));
      }
    };

    const arrive = (m: MessageView): void => {
      if (held) held.push(m);
      else if (atNewest && belongs(m)) setState((s) => ({ ...s, messages: merge(s.messages, [m]) }));
    };
    control.current = {
      readNewer: () => void read(false),
      add: (m) => setState((s) => ({ ...s, messages: atNewest ? merge(s.messages, [m]) : s.messages })),
    };
    void read(true);
    const offMessage = on('message', arrive);
    const offReady = on('ready', () => void read(true));
    return () => {
      generation++;
      offMessage();
      offReady();
    };
  }, [key]);

  return { ...state, readNewer: () => control.current.readNewer(), add: (m) => control.current.add(m) };
}
