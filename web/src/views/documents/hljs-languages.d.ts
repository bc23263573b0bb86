// highlight.js ships no declarations for its per-language modules; each exports one language definition.
declare module 'highlight.js/lib/languages/*' {
  import type { LanguageFn } from 'highlight.js';
  const language: LanguageFn;
  export default language;
}
