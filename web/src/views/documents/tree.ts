import type { DocumentView } from '../../api/types.js';

export interface Folder {
  name: string;
  /** '' for the top. */
  path: string;
  folders: Folder[];
  documents: DocumentView[];
}

const byName = (a: { name: string }, b: { name: string }): number => a.name.localeCompare(b.name);

/** The folders of a flat listing (every document below the top), each sorted by name. */
export function folderTree(documents: DocumentView[]): Folder {
  const top: Folder = { name: '', path: '', folders: [], documents: [] };
  const folders = new Map<string, Folder>([['', top]]);
  const folderAt = (path: string): Folder => {
    let found = folders.get(path);
    if (!found) {
      const slash = path.lastIndexOf('/');
      found = { name: path.slice(slash + 1), path, folders: [], documents: [] };
      folderAt(slash < 0 ? '' : path.slice(0, slash)).folders.push(found);
      folders.set(path, found);
    }
    return found;
  };
  for (const document of documents) folderAt(document.folder).documents.push(document);
  for (const folder of folders.values()) {
    folder.folders.sort(byName);
    folder.documents.sort(byName);
  }
  return top;
}

/** Every folder above a document, outermost first: the ones to open so it is in sight. */
export function foldersAbove(folder: string): string[] {
  if (!folder) return [];
  const parts = folder.split('/');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
}
