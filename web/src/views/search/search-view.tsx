import { useLocation } from 'preact-iso';
import { useEffect, useRef, useState } from 'preact/hooks';
import { href } from '../../state/place.js';
import { ErrorNote } from '../../ui/error-note.js';
import { moveThroughHits } from './arrow-keys.js';
import { SearchResults, summary } from './search-results.js';
import { useSearch } from './use-search.js';
import './search.css';

/** How long typing must pause before the words are searched. */
const PAUSE_MS = 250;

const searchPath = (words: string): string => (words ? `${href('/search')}?q=${encodeURIComponent(words)}` : href('/search'));

/** Messages and documents that hold the words in `?q=`, searched again as the words are typed. */
export function SearchView() {
  const { query, route } = useLocation();
  const q = (query.q ?? '').trim();
  const [text, setText] = useState(query.q ?? '');
  // The words last put in the URL by this box, to tell them from a change made elsewhere.
  const routed = useRef(q);
  const box = useRef<HTMLInputElement>(null);
  const root = useRef<HTMLElement>(null);
  const search = useSearch(q);

  const go = (words: string): void => {
    routed.current = words;
    route(searchPath(words), true);
  };

  // The header's box or the browser's history changed the words: show them here too.
  useEffect(() => {
    if (q === routed.current) return;
    routed.current = q;
    setText(q);
  }, [q]);

  useEffect(() => {
    const words = text.trim();
    if (words === routed.current) return;
    const timer = setTimeout(() => go(words), PAUSE_MS);
    return () => clearTimeout(timer);
  }, [text]);

  useEffect(() => {
    if (!q) box.current?.focus();
  }, []);

  return (
    <section class="view search-view" ref={root} onKeyDown={(event) => root.current && box.current && moveThroughHits(event, root.current, box.current)}>
      <h1>Search</h1>
      <form
        role="search"
        class="search-form"
        onSubmit={(event) => {
          event.preventDefault();
          go(text.trim());
        }}
      >
        <input
          ref={box}
          type="search"
          class="search-input"
          aria-label="Words to search for"
          aria-describedby="search-help"
          placeholder="Words in messages and documents"
          autocomplete="off"
          value={text}
          onInput={(event) => setText(event.currentTarget.value)}
          data-testid="search-input"
        />
        <button type="submit">Search</button>
      </form>
      <p id="search-help" class="search-help">
        Every word must match; the last one may be the start of a word. ↓ and ↑ move through the results.
      </p>
      <p class="search-status" role="status" data-testid="search-status">
        {!q ? '' : search.busy ? 'Searching…' : search.result ? summary(search.result) : ''}
      </p>
      {search.result?.note && (
        <p class="search-note" data-testid="search-note">
          {search.result.note}
        </p>
      )}
      {!q ? null : search.error !== undefined ? (
        <ErrorNote error={search.error} />
      ) : (
        search.result && (
          <div class={search.busy ? 'search-stale' : undefined} aria-busy={search.busy}>
            <SearchResults result={search.result} />
          </div>
        )
      )}
    </section>
  );
}
