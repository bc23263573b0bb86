import { useLocation } from 'preact-iso';
import { href } from '../state/place.js';

/** One box over messages and documents; `/` focuses it from anywhere. */
export function SearchBox() {
  const { route, query } = useLocation();
  return (
    <form
      role="search"
      class="search"
      onSubmit={(event) => {
        event.preventDefault();
        const q = new FormData(event.currentTarget).get('q');
        if (typeof q === 'string' && q.trim()) route(`${href('/search')}?q=${encodeURIComponent(q.trim())}`);
      }}
    >
      <input type="search" name="q" placeholder="Search  /" aria-label="Search messages and documents" value={query.q ?? ''} id="search-box" />
    </form>
  );
}

document.addEventListener('keydown', (event) => {
  const target = event.target as HTMLElement;
  if (event.key !== '/' || event.ctrlKey || event.metaKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable) return;
  event.preventDefault();
  document.getElementById('search-box')?.focus();
});
