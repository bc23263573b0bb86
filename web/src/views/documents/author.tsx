import type { VersionView } from '../../api/types.js';
import { sessionHref } from './links.js';

/** Who wrote a version: the session's name, linking to the session, with its id (names need not be unique). */
export function Author({ version }: { version: VersionView }) {
  return (
    <span class="docs-author">
      <a href={sessionHref(version.author_id)}>{version.author}</a> <span class="muted">({version.author_id})</span>
    </span>
  );
}
