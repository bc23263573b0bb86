import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { href } from '../state/place.js';

/** One box over messages and documents; `/` focuses it from anywhere. */
export function SearchBox() {
  const { route, query } = useLocation();
  // The words as typed, kept here: the header redraws whenever a live count changes, and a box
  // bound to the URL alone would be emptied under the person typing.
  const [text, setText] = useState(query.q ?? '');
  useEffect(() => setText(query.q ?? ''), [query.q]);
  return (
    <form
      role="search"
      class="search"
      onSubmit={(event) => {
        event.preventDefault();
        if (text.trim()) route(`${href('/search')}?q=${encodeURIComponent(text.trim())}`);
      }}
    >
      <input
        type="search"
        name="q"
        placeholder="Search  /"
        aria-label="Search messages and documents"
        value={text}
        onInput={(event) => setText(event.currentTarget.value)}
        id="search-box"
      />
    </form>
  );
}

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key !== '/' || event.ctrlKey || event.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable) return;
  event.preventDefault();
  document.getElementById('search-box')?.focus();
});
