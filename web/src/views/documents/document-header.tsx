import type { DocumentView, VersionView } from '../../api/types.js';
import { now } from '../../state/clock.js';
import { ago, clock } from '../../ui/time.js';
import { Author } from './author.js';
import { size } from './format.js';
import { documentHref, rawHref } from './links.js';

/** Which document, which version of how many, and who wrote it when. */
export function DocumentHeader({ document, version }: { document: DocumentView; version: VersionView }) {
  const old = version.version !== document.version;
  return (
    <header class="docs-head">
      <h1 class="docs-path" data-testid="doc-path">
        {document.path}
      </h1>
      <p class="docs-meta" data-testid="doc-meta">
        <span data-testid="doc-version">
          version {version.version} of {document.version}
        </span>
        <span>{size(version.size)}</span>
        <span class="docs-type">{version.content_type}</span>
        <span>
          by <Author version={version} />
        </span>
        <time dateTime={version.timestamp} title={clock(version.timestamp)}>
          {ago(version.timestamp, now.value)}
        </time>
        <a href={rawHref(document.id, version.version)} download={document.name}>
          Download
        </a>
      </p>
      {old && (
        <p class="docs-old" role="note">
          An older version. <a href={documentHref(document.id)}>Show the current one (version {document.version})</a>
        </p>
      )}
    </header>
  );
}
