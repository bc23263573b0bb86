/**
 * The admin token of each hub a test started, by URL, so the test clients present it without every
 * test passing it along. A test about tokens passes its own (or none) explicitly.
 */
const tokens = new Map<string, string>();

const key = (url: string): string => new URL(url).origin;

export function rememberToken(url: string, token: string): void {
  tokens.set(key(url), token);
}

export function tokenOf(url: string): string | undefined {
  return tokens.get(key(url));
}

/** `Authorization: Bearer …` for a hub this test started, or nothing. */
export function authHeaders(url: string): Record<string, string> {
  const token = tokenOf(url);
  return token ? { authorization: `Bearer ${token}` } : {};
}

/** fetch, presenting the admin token of a hub this test started unless the request names its own. */
export function authedFetch(input: string | URL, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  const url = String(input);
  for (const [name, value] of Object.entries(authHeaders(url))) if (!headers.has(name)) headers.set(name, value);
  return fetch(input, { ...init, headers });
}
