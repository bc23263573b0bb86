import type { VersionView } from '../../api/types.js';
import { extensionOf, languageOf } from './languages.js';

/** The largest document shown inline; bigger ones are offered as a download only (as the hub's own page does). */
export const PREVIEW_BYTES = 1024 * 1024;

export type PreviewKind = 'markdown' | 'text' | 'image' | 'large' | 'binary';

const TEXT_TYPE = /^text\/|json|yaml|xml|javascript|typescript|x-sh|sql|toml/;

/** How a version is shown: from its type and name; a "text" one can still turn out binary once read. */
export function previewKind(name: string, version: VersionView): PreviewKind {
  const type = version.content_type.toLowerCase();
  if (type.startsWith('image/')) return 'image';
  if (version.size > PREVIEW_BYTES) return 'large';
  if (/markdown/.test(type) || ['md', 'markdown'].includes(extensionOf(name))) return 'markdown';
  if (TEXT_TYPE.test(type) || languageOf(name, type)) return 'text';
  return 'binary';
}

/** Whether two versions of this kind can be compared line by line. */
export const isText = (kind: PreviewKind): boolean => kind === 'markdown' || kind === 'text';
