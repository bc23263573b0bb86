import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, setCookie } from 'hono/cookie';
import { BatonError, isBatonError } from '../../core/errors.js';
import { TOKEN_COOKIE, type Gate } from '../http/gate.js';
import { page } from './layout.js';
import { escapeHtml as esc } from './markdown.js';

/**
 * The login form is a token and a path. Anyone may post it, so a body of any size is refused
 * before it is read, rather than held in memory to be parsed.
 */
const LOGIN_BODY_BYTES = 16 * 1024;

/** Only this page posts a form; the others allow none. */
const LOGIN_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * Where a browser goes after logging in: a path on this hub, never another site. Control characters
 * are refused too: browsers drop tabs and newlines from a URL, so `/\t/evil.example` would become
 * `//evil.example`, and a line break cannot go in the Location header at all.
 */
const localPath = (next: string | undefined): string => (next && /^\/(?![/\\])[^\x00-\x1f\x7f]*$/.test(next) ? next : '/');

/** A browser asks for a token once; it is kept in an HttpOnly cookie that only pages read. */
export function loginPage(gate: Gate, secure: boolean): Hono {
  const app = new Hono();
  const form = (next: string, error = '') =>
    page(
      'Log in',
      `<h1>Log in</h1>${error ? `<p role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/login"><input type="hidden" name="next" value="${esc(next)}">
<label>Token <input type="password" name="token" autocomplete="current-password" required autofocus></label>
<button type="submit">Log in</button></form>
<p class="meta">An admin makes a token with <code>baton token create --role viewer</code>.</p>`,
    );
  app.get('/login', (c) => {
    c.header('content-security-policy', LOGIN_CSP);
    return c.html(form(localPath(c.req.query('next'))));
  });
  const refuseLarge = bodyLimit({
    maxSize: LOGIN_BODY_BYTES,
    onError: (c) => {
      c.header('content-security-policy', LOGIN_CSP);
      return c.html(form('/', `the form is over ${LOGIN_BODY_BYTES} bytes`), 413);
    },
  });
  app.post('/login', refuseLarge, async (c) => {
    c.header('content-security-policy', LOGIN_CSP);
    // Another site must not log a visitor in with a token of its choosing.
    if (c.req.header('sec-fetch-site') === 'cross-site') return c.html(form('/', 'log in from this hub\'s own page'), 403);
    const fields = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
    const token = typeof fields.token === 'string' ? fields.token.trim() : '';
    const next = localPath(typeof fields.next === 'string' ? fields.next : undefined);
    try {
      await gate.verify(token);
    } catch (error) {
      return c.html(form(next, isBatonError(error) ? error.message : 'not a valid token'), 401);
    }
    setCookie(c, TOKEN_COOKIE, token, { httpOnly: true, sameSite: 'Strict', secure, path: '/', maxAge: 30 * 86400 });
    return c.redirect(next, 303);
  });
  // The dashboard's "log out": forgets the cookie (the token itself stays valid until an admin revokes it).
  app.post('/logout', (c) => {
    if (c.req.header('sec-fetch-site') === 'cross-site') throw new BatonError('forbidden', "log out from this hub's own page");
    deleteCookie(c, TOKEN_COOKIE, { path: '/', secure, httpOnly: true, sameSite: 'Strict' });
    return c.redirect('/login', 303);
  });
  return app;
}
