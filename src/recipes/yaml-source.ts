import { isMap, isNode, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { RecipeError } from './recipe-error.js';

export type YamlPath = readonly (string | number)[];

/** A parsed recipe file: its plain value, and where each key sits so errors can give a line. */
export interface YamlSource {
  value: unknown;
  /** The 1-based line of the key (or list item) at a path, else of the nearest enclosing one; null when its top key is absent. */
  lineAt(path: YamlPath): number | null;
}

// Anchors may repeat a value; past this many a file is more likely a bomb than a recipe.
const MAX_ALIASES = 200;

export function readYaml(text: string, source: string): YamlSource {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map((e) => ({
      step: null,
      key: null,
      message: `not valid YAML: ${e.message.split('\n')[0]}`,
      line: lines.linePos(e.pos[0]).line,
    }));
    throw new RecipeError(problems, source);
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIASES });
  } catch (e) {
    throw new RecipeError([{ step: null, key: null, message: `not a usable YAML document: ${(e as Error).message}` }], source);
  }
  const lineOf = (node: unknown): number | null => (isNode(node) && node.range ? lines.linePos(node.range[0]).line : null);
  return {
    value,
    lineAt(path) {
      let node: unknown = doc.contents;
      let line = lineOf(node);
      for (const [depth, segment] of path.entries()) {
        const next = child(node, segment);
        if (!next && depth === 0) return null; // not in the file at all (a caller's input, say)
        if (!next) break;
        line = lineOf(next.key) ?? lineOf(next.node) ?? line;
        node = next.node;
      }
      return line;
    },
  };
}

function child(node: unknown, segment: string | number): { key: unknown; node: unknown } | null {
  if (isMap(node)) {
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(segment));
    return pair ? { key: pair.key, node: pair.value } : null;
  }
  if (isSeq(node) && typeof segment === 'number') return { key: null, node: node.items[segment] };
  return null;
}
