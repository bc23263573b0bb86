import type { DocumentView, VersionView } from '../../api/types.js';
import { ErrorNote } from '../../ui/error-note.js';
import type { DiffRow } from './line-diff.js';
import { loadText } from './load-text.js';
import { isText, previewKind, PREVIEW_BYTES } from './preview-kind.js';
import { useAsync } from './use-async.js';

/** Past this many rows the rest of a diff is left out: the page must stay usable. */
const MAX_ROWS = 5000;

interface TableProps {
  document: DocumentView;
  older: VersionView;
  newer: VersionView;
}

/** The line diff of two versions, or a note when one of them is not text. */
export function DiffTable(props: TableProps) {
  const { document, older, newer } = props;
  const notText = [older, newer].find((v) => !isText(previewKind(document.name, v)));
  if (notText) return <NotText version={notText} />;
  return <TextDiff {...props} />;
}

type Compared = { binary: VersionView } | { rows: DiffRow[] | undefined; truncated: boolean };

async function compare(document: DocumentView, older: VersionView, newer: VersionView): Promise<Compared> {
  const [before, after, { lineDiff }] = await Promise.all([
    loadText(document.id, older.version, PREVIEW_BYTES),
    loadText(document.id, newer.version, PREVIEW_BYTES),
    import('./line-diff.js'),
  ]);
  if (before.kind === 'binary') return { binary: older };
  if (after.kind === 'binary') return { binary: newer };
  return { rows: await lineDiff(before.text, after.text), truncated: before.truncated || after.truncated };
}

function TextDiff({ document, older, newer }: TableProps) {
  const compared = useAsync(() => compare(document, older, newer), [document.id, older.version, newer.version]);
  if (compared.error !== undefined) return <ErrorNote error={compared.error} />;
  const result = compared.value;
  if (!result) return <p class="muted">Comparing…</p>;
  if ('binary' in result) return <NotText version={result.binary} />;
  if (!result.rows) return <p class="docs-note" role="note">These versions are too different to compare here.</p>;
  if (result.rows.length === 0) return <p class="muted" data-testid="diff-none">No differences between v{older.version} and v{newer.version}.</p>;
  const rows = result.rows.slice(0, MAX_ROWS);
  return (
    <>
      <Summary rows={result.rows} />
      <div class="docs-diff-scroll">
        <table class="docs-diff" data-testid="diff">
          <caption class="sr-only">
            Lines changed from version {older.version} to version {newer.version}
          </caption>
          <tbody>{rows.map(diffRow)}</tbody>
        </table>
      </div>
      {result.rows.length > MAX_ROWS && <p class="docs-note">Only the first {MAX_ROWS} lines of this diff are shown.</p>}
    </>
  );
}

function Summary({ rows }: { rows: DiffRow[] }) {
  const added = rows.filter((row) => row.kind === 'add').length;
  const removed = rows.filter((row) => row.kind === 'del').length;
  return (
    <p class="docs-diff-summary" data-testid="diff-summary">
      <span class="docs-diff-added">+{added}</span> <span class="docs-diff-removed">−{removed}</span> lines
    </p>
  );
}

const SIGN = { add: ['+', 'added'], del: ['-', 'removed'], same: [' ', 'unchanged'] } as const;

function diffRow(row: DiffRow, index: number) {
  if (row.kind === 'skip') {
    return (
      <tr key={index} class="diff-skip">
        <td colSpan={4}>⋯ {row.count} unchanged {row.count === 1 ? 'line' : 'lines'}</td>
      </tr>
    );
  }
  const [sign, meaning] = SIGN[row.kind];
  return (
    <tr key={index} class={`diff-${row.kind}`}>
      <td class="docs-diff-no">{row.before ?? ''}</td>
      <td class="docs-diff-no">{row.after ?? ''}</td>
      <td class="docs-diff-sign">
        <span aria-hidden="true">{sign}</span>
        <span class="sr-only">{meaning}</span>
      </td>
      <td class="docs-diff-text">{row.text}</td>
    </tr>
  );
}

function NotText({ version }: { version: VersionView }) {
  return (
    <p class="docs-note" role="note" data-testid="diff-note">
      Version {version.version} is not text ({version.content_type}): there is no line diff. Download both versions to compare them.
    </p>
  );
}
