const LOOPBACK = new Set(['localhost', '127.0.0.1', '[::1]']);

/**
 * Browsers send Origin; agents' MCP clients do not. A page from another site must not drive a hub
 * on this machine (DNS rebinding), so a request with a foreign Origin is refused. The hub's own
 * pages and loopback origins are fine.
 */
export function foreignOrigin(request: Request, publicUrl: string): string | undefined {
  const origin = request.headers.get('origin');
  if (origin === null) return undefined;
  if (!URL.canParse(origin)) return origin;
  const { hostname, host } = new URL(origin);
  if (LOOPBACK.has(hostname) || host === new URL(publicUrl).host) return undefined;
  return origin;
}
