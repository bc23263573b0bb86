import { useState } from 'preact/hooks';
import type { DocumentView, VersionView } from '../../api/types.js';
import { DiffTable } from './diff-table.js';

interface PanelProps {
  document: DocumentView;
  versions: VersionView[];
  /** The version on screen: compared, by default, with the one before it. */
  shown: number;
}

/** Two versions to compare, chosen with two selects; the line diff between them. */
export function DiffPanel({ document, versions, shown }: PanelProps) {
  const index = Math.max(1, versions.findIndex((v) => v.version === shown));
  const [from, setFrom] = useState(versions[index - 1]?.version ?? 1);
  const [to, setTo] = useState(versions[index]?.version ?? shown);
  const older = versions.find((v) => v.version === from);
  const newer = versions.find((v) => v.version === to);
  return (
    <section class="docs-changes" aria-labelledby="docs-changes-title">
      <h2 id="docs-changes-title">Changes</h2>
      {versions.length < 2 ? (
        <p class="muted">Only one version so far: nothing to compare.</p>
      ) : (
        <>
          <div class="docs-diff-pick">
            <VersionSelect label="From" versions={versions} value={from} onChange={setFrom} testid="diff-from" />
            <VersionSelect label="To" versions={versions} value={to} onChange={setTo} testid="diff-to" />
          </div>
          {older && newer && <DiffTable document={document} older={older} newer={newer} />}
        </>
      )}
    </section>
  );
}

interface SelectProps {
  label: string;
  versions: VersionView[];
  value: number;
  onChange: (version: number) => void;
  testid: string;
}

function VersionSelect({ label, versions, value, onChange, testid }: SelectProps) {
  return (
    <label class="docs-diff-side">
      <span>{label}</span>
      <select value={String(value)} data-testid={testid} onChange={(event) => onChange(Number(event.currentTarget.value))}>
        {versions.map((v) => (
          <option key={v.version} value={String(v.version)}>
            v{v.version} · {v.author}
          </option>
        ))}
      </select>
    </label>
  );
}
