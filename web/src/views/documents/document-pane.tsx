import { ErrorNote } from '../../ui/error-note.js';
import { DiffPanel } from './diff-panel.js';
import { DocumentHeader } from './document-header.js';
import { Preview } from './preview.js';
import { useVersions } from './use-versions.js';
import { VersionsList } from './versions-list.js';

/** One document at one version (the current one unless `version` is given), its versions, and what changed. */
export function DocumentPane({ reference, version }: { reference: string; version: number | undefined }) {
  const { list, error } = useVersions(reference);
  if (error !== undefined) return <ErrorNote error={error} />;
  if (!list) return <p class="muted">Loading…</p>;
  const { document, versions } = list;
  const shown = version ?? document.version;
  const current = versions.find((v) => v.version === shown);
  if (!current) return <ErrorNote error={`${document.path} has no version ${shown} (its current version is ${document.version}).`} />;
  return (
    <article class="docs-document" data-testid="document">
      <DocumentHeader document={document} version={current} />
      <Preview document={document} version={current} />
      <div class="docs-history">
        <VersionsList document={document} versions={versions} shown={shown} />
        <DiffPanel key={`${document.id}@${shown}`} document={document} versions={versions} shown={shown} />
      </div>
    </article>
  );
}
