import type { DocumentView, VersionView } from '../../api/types.js';
import { ErrorNote } from '../../ui/error-note.js';
import { Markdown } from '../../ui/markdown.js';
import { CodeView } from './code-view.js';
import { size } from './format.js';
import { languageOf } from './languages.js';
import { rawHref } from './links.js';
import { loadText, type DocumentText } from './load-text.js';
import { previewKind, PREVIEW_BYTES } from './preview-kind.js';
import { useAsync } from './use-async.js';

/** How much text the preview reads and renders; the rest is a download away. */
const PREVIEW_TEXT_BYTES = 256 * 1024;

interface PreviewProps {
  document: DocumentView;
  version: VersionView;
}

/** The version itself: markdown rendered, other text highlighted, images shown, anything else to download. */
export function Preview({ document, version }: PreviewProps) {
  const kind = previewKind(document.name, version);
  return (
    <section class="docs-preview" aria-label="Preview" data-testid="preview" data-kind={kind}>
      {kind === 'image' ? (
        <img class="docs-image" src={rawHref(document.id, version.version)} alt={`${document.name}, version ${version.version}`} />
      ) : kind === 'large' ? (
        <Download document={document} version={version} why={`Larger than ${size(PREVIEW_BYTES)}: not shown here.`} />
      ) : kind === 'binary' ? (
        <Download document={document} version={version} why={`No preview for ${version.content_type}.`} />
      ) : (
        <TextPreview document={document} version={version} markdown={kind === 'markdown'} />
      )}
    </section>
  );
}

function TextPreview({ document, version, markdown }: PreviewProps & { markdown: boolean }) {
  const loaded = useAsync(() => loadText(document.id, version.version, PREVIEW_TEXT_BYTES), [document.id, version.version]);
  if (loaded.error !== undefined) return <ErrorNote error={loaded.error} />;
  if (!loaded.value) return <p class="muted">Loading…</p>;
  if (loaded.value.kind === 'binary') return <Download document={document} version={version} why="This version is not UTF-8 text." />;
  if (loaded.value.text === '') return <p class="muted">This version is empty.</p>;
  return (
    <>
      {loaded.value.truncated && <Truncated text={loaded.value} document={document} version={version} />}
      {markdown ? (
        <Markdown text={loaded.value.text} class="md docs-markdown" />
      ) : (
        <CodeView text={loaded.value.text} language={languageOf(document.name, version.content_type)} />
      )}
    </>
  );
}

function Truncated({ text, document, version }: PreviewProps & { text: Extract<DocumentText, { kind: 'text' }> }) {
  return (
    <p class="docs-note" role="note" data-testid="truncated">
      Showing the first {size(text.read)} of {size(text.size)}.{' '}
      <a href={rawHref(document.id, version.version)} download={document.name}>
        Download it all
      </a>
    </p>
  );
}

function Download({ document, version, why }: PreviewProps & { why: string }) {
  return (
    <p class="docs-download">
      {why}{' '}
      <a href={rawHref(document.id, version.version)} download={document.name} data-testid="download">
        Download {document.name} ({size(version.size)})
      </a>
    </p>
  );
}
