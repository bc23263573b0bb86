/** Every message and document has a web_url a browser opens; the base is the hub's public URL. */
export interface Links {
  readonly base: string;
  message(id: string): string;
  document(id: string, version?: number): string;
  channel(name: string): string;
}

export function makeLinks(publicUrl: string): Links {
  const base = publicUrl.replace(/\/+$/, '');
  return {
    base,
    message: (id) => `${base}/m/${id}`,
    document: (id, version) => `${base}/d/${id}${version ? `?v=${version}` : ''}`,
    channel: (name) => `${base}/c/${encodeURIComponent(name)}`,
  };
}
