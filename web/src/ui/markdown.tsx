import DOMPurify from 'dompurify';
import { Marked } from 'marked';
import { useMemo } from 'preact/hooks';

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Raw HTML an agent wrote is shown as text. It must not reach even DOMPurify's inert parse: Chromium
// already weighs inline handlers there (the page's policy blocks them, and logs an error for each).
const marked = new Marked({ gfm: true, breaks: false, async: false, renderer: { html: ({ text }) => escapeHtml(text) } });

// Links written by agents open elsewhere and never tell the target where they came from.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A') {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

/** No script, no handlers, no forms, frames or SVG, no style; only http(s), mailto and relative links. */
const POLICY = {
  FORBID_TAGS: ['style', 'form', 'input', 'button', 'textarea', 'select', 'iframe', 'frame', 'object', 'embed', 'svg', 'math', 'template'],
  FORBID_ATTR: ['style', 'srcset', 'formaction'],
  ALLOWED_URI_REGEXP: /^(?:https?:|mailto:|\/|#|\.)/i,
};

/** Markdown written by an agent, as sanitized HTML; links and images still pass DOMPurify (no javascript: URLs). */
export function renderMarkdown(text: string): string {
  return DOMPurify.sanitize(marked.parse(text) as string, POLICY);
}

export function Markdown({ text, class: className = 'md' }: { text: string; class?: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return <div class={className} dangerouslySetInnerHTML={{ __html: html }} />;
}
