import { invalidInput } from '../core/errors.js';

export const MAX_PATH_CHARS = 1024;

/** The folder part of a path; '' is the top. */
export const folderOf = (path: string): string => path.slice(0, Math.max(0, path.lastIndexOf('/')));

export const nameOf = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * A document path is relative and clean: no leading '/', no '.' or '..' segment, no empty segment,
 * no control characters, at most 1024 characters.
 */
export function validDocumentPath(raw: string, field = 'path'): string {
  const path = raw.trim();
  if (!path) throw invalidInput(field, 'is required');
  if (path.length > MAX_PATH_CHARS) throw invalidInput(field, `must be at most ${MAX_PATH_CHARS} characters`);
  if (path.startsWith('/')) throw invalidInput(field, "must be relative (no leading '/')");
  if (/[\u0000-\u001f\u007f]/.test(path)) throw invalidInput(field, 'must not contain control characters');
  if (path.includes('\\')) throw invalidInput(field, "must use '/' between folders, not '\\'");
  const segments = path.split('/');
  if (segments.some((s) => s === '..' || s === '.')) throw invalidInput(field, "must not contain '.' or '..' segments");
  if (segments.some((s) => s.trim() === '')) throw invalidInput(field, 'must not contain empty folder names');
  return path;
}

/** A folder is a path too, except that '' (or 'root', or '/') is the top. */
export function validFolder(raw: string | undefined, field = 'folder_path'): string {
  const folder = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  if (folder === '' || folder === 'root') return '';
  return validDocumentPath(folder, field);
}

export const joinPath = (folder: string, name: string): string => (folder ? `${folder}/${name}` : name);
