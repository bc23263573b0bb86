/** The highlight.js language of a document, from its name first (the hub types `.ts` as video), else its type. */
const BY_EXTENSION: Record<string, string> = {
  ts: 'typescript', tsx: 'typescript', mts: 'typescript', cts: 'typescript',
  js: 'javascript', jsx: 'javascript', mjs: 'javascript', cjs: 'javascript',
  json: 'json', jsonl: 'json', yaml: 'yaml', yml: 'yaml',
  py: 'python', sh: 'bash', bash: 'bash', zsh: 'bash',
  go: 'go', rs: 'rust', java: 'java', sql: 'sql', css: 'css',
  html: 'xml', htm: 'xml', xml: 'xml', svg: 'xml',
  md: 'markdown', markdown: 'markdown', diff: 'diff', patch: 'diff',
};

const BY_TYPE: [pattern: RegExp, language: string][] = [
  [/json/, 'json'],
  [/yaml/, 'yaml'],
  [/typescript/, 'typescript'],
  [/javascript|ecmascript/, 'javascript'],
  [/python/, 'python'],
  [/x-sh|shellscript/, 'bash'],
  [/sql/, 'sql'],
  [/css/, 'css'],
  [/html|xml/, 'xml'],
  [/markdown/, 'markdown'],
  [/diff|patch/, 'diff'],
];

export const extensionOf = (name: string): string => {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
};

export function languageOf(name: string, contentType: string): string | undefined {
  return BY_EXTENSION[extensionOf(name)] ?? BY_TYPE.find(([pattern]) => pattern.test(contentType))?.[1];
}
