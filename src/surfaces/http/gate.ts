import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { BatonError } from '../../core/errors.js';
import type { RateLimiter } from '../../access/rate-limiter.js';
import type { TokenService } from '../../access/token-service.js';
import { OPEN_ACCESS, reaches, type Access } from '../../hub/access.js';
import { auditEntry, type AuditSink } from '../../hub/audit.js';

/** A browser carries the token in this cookie (set by /login); agents send the header. */
export const TOKEN_COOKIE = 'baton_token';

export interface GateOptions {
  tokens: TokenService;
  limiter: RateLimiter;
  audit: AuditSink;
  /** Loopback only: no tokens, every request may do everything. */
  open: boolean;
  now: () => number;
}

/** Who may come in: the token of a request, its rate, and the workspace it asks for. */
export class Gate {
  constructor(private readonly options: GateOptions) {}

  /** The access a request's bearer token (or, for pages, cookie) gives; 401 without a valid one. */
  async access(c: Context, allowCookie = false): Promise<Access> {
    if (this.options.open) return OPEN_ACCESS;
    const secret = bearerOf(c) ?? (allowCookie ? getCookie(c, TOKEN_COOKIE) : undefined);
    if (!secret) {
      throw new BatonError('unauthenticated', 'this hub needs a token: send Authorization: Bearer <token> (an admin makes one with baton token create)');
    }
    return this.verify(secret);
  }

  /** The access a token gives, or a 401 saying why not. */
  async verify(secret: string): Promise<Access> {
    if (this.options.open) return OPEN_ACCESS;
    if (!secret) throw new BatonError('unauthenticated', 'token: is required');
    return this.options.tokens.verify(secret);
  }

  /** 429 with Retry-After when the token has used up its requests for now. */
  limit(c: Context, access: Access): void {
    const wait = this.options.limiter.take(access.tokenId ?? 'open');
    if (wait === 0) return;
    c.header('retry-after', String(wait));
    throw new BatonError('rate_limited', `too many requests for token ${access.tokenName}: at most ${this.options.limiter.perSecond} a second; retry in ${wait} s`);
  }

  /** 403 (recorded) when the token is for another workspace. */
  async enter(access: Access, workspace: string): Promise<void> {
    if (reaches(access, workspace)) return;
    await this.options.audit.record(auditEntry(access, { at: this.options.now(), workspace, sessionId: null, action: 'workspace.enter', target: workspace }, 'denied'));
    throw new BatonError('forbidden', `token ${access.tokenName} is for workspace '${access.workspace}', not '${workspace}'`);
  }
}

/**
 * Where the login cookie stands in for the header: pages, and the API for the dashboard, reads
 * and writes alike, but a write only with `X-Requested-With`: a page on another site cannot add that
 * header without a preflight the hub never grants, so the cookie cannot be ridden into a write (the
 * cookie is SameSite=Strict as well). MCP never takes it.
 */
export function cookieOpens(c: Context, path: string): boolean {
  if (path === '/mcp') return false;
  if (isPage(path)) return true;
  return c.req.method === 'GET' || c.req.method === 'HEAD' || c.req.header('x-requested-with') !== undefined;
}

/** Pages (not the API, not MCP) send a browser to /login without a token. */
export const isPage = (path: string): boolean => !path.startsWith('/api/') && path !== '/mcp';

function bearerOf(c: Context): string | undefined {
  const header = c.req.header('authorization');
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (!match) throw new BatonError('unauthenticated', 'Authorization: must be "Bearer <token>"', 'authorization');
  return match[1];
}
