import { useEffect, useState } from 'preact/hooks';

/**
 * Text with syntax highlighting. Until highlight.js has loaded, the text shows plain; the
 * highlighted HTML comes from highlight.js, which escapes the text, and goes nowhere but this <code>.
 */
export function CodeView({ text, language }: { text: string; language: string | undefined }) {
  const [html, setHtml] = useState<string>();
  useEffect(() => {
    let current = true;
    setHtml(undefined);
    import('./highlight.js')
      .then(({ highlight }) => current && setHtml(highlight(text, language)))
      // Without highlight.js (a chunk that failed to load) the text stays readable as it is.
      .catch(() => {});
    return () => {
      current = false;
    };
  }, [text, language]);
  return (
    <pre class="docs-code" data-language={language ?? 'text'}>
      {html === undefined ? <code key="plain">{text}</code> : <code key="highlighted" class="hljs" dangerouslySetInnerHTML={{ __html: html }} />}
    </pre>
  );
}
