import { useEffect, useMemo, useState } from 'preact/hooks';
import type { DocumentView } from '../../api/types.js';
import { documentHref } from './links.js';
import { folderTree, foldersAbove, type Folder } from './tree.js';

interface TreeProps {
  documents: DocumentView[];
  /** The open document's id. */
  current: string | undefined;
}

/** Folders open and close with real buttons; the open document's folders open by themselves. */
export function FolderTree({ documents, current }: TreeProps) {
  const top = useMemo(() => folderTree(documents), [documents]);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const currentFolder = documents.find((d) => d.id === current)?.folder;
  useEffect(() => {
    if (currentFolder) setOpen((before) => new Set([...before, ...foldersAbove(currentFolder)]));
  }, [current, currentFolder]);
  const toggle = (path: string): void =>
    setOpen((before) => {
      const next = new Set(before);
      if (!next.delete(path)) next.add(path);
      return next;
    });
  if (documents.length === 0) return <p class="muted docs-empty">No documents yet.</p>;
  return <FolderItems folder={top} open={open} toggle={toggle} current={current} />;
}

interface ItemsProps {
  folder: Folder;
  open: ReadonlySet<string>;
  toggle: (path: string) => void;
  current: string | undefined;
}

function FolderItems({ folder, open, toggle, current }: ItemsProps) {
  return (
    <ul class="docs-tree-list">
      {folder.folders.map((child) => (
        <li key={`folder:${child.path}`}>
          <button type="button" class="docs-folder" aria-expanded={open.has(child.path)} onClick={() => toggle(child.path)} title={child.path}>
            <span class="docs-caret" aria-hidden="true">
              ▸
            </span>
            {child.name}
          </button>
          {open.has(child.path) && <FolderItems folder={child} open={open} toggle={toggle} current={current} />}
        </li>
      ))}
      {folder.documents.map((document) => (
        <li key={document.id}>
          <a class="docs-file" href={documentHref(document.id)} aria-current={document.id === current ? 'page' : undefined} title={document.path}>
            {document.name}
          </a>
        </li>
      ))}
    </ul>
  );
}
