import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROLES } from '../../src/domain/roles.js';
import { expectHubAnswer, startAccessHub, type AccessHub, type TokenView } from './support/access-hub.js';
import { expectedOf, MODEL_ROUTES, modelRequest, OTHER, reaches, seedAccess, TARGETS, tokenUsed, type ModelRoute, type Seeded, type Target } from './support/access-model.js';
import {
  badAuthorization,
  EXPIRES,
  field,
  goodPresentation,
  HOSTILE_WORKSPACE_NAMES,
  nameSegment,
  TOKEN_NAMES,
  workspaceName,
  type KnownToken,
  type Presented,
} from './support/access-values.js';
import { inputCounter } from './support/fuzz-hub.js';
import { hostileString, hostileValue } from './support/hostile-values.js';
import { pathSafe, send, wellFormed, type RawRequest } from './support/raw-http.js';

const SEED = 20_261_124;
const RUNS = 110;
const MODEL_RUNS = 400;
const counter = inputCounter('access fuzz');

const VALID_WORKSPACE = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const CONTENT_TYPES = ['application/json', 'text/plain', 'application/x-www-form-urlencoded', '', 'application/json; charset=utf-16'];
const MALFORMED_BODIES = ['{', '', 'null', '[]', '"agent"', '{"role":"agent"}{', '\u0000', '{"role":', '{"role":"agent","role":"admin"}', '{"__proto__":{"role":"admin"}}'];

/** Token ids and whether each is revoked: what a refused call must leave as it was. */
const tokenStates = (tokens: TokenView[]) => tokens.map((t) => `${t.id} ${t.state === 'revoked' ? 'revoked' : 'usable'}`).sort();

/** A JSON body from plausible-or-hostile fields, else malformed JSON or a bare value, under a random content type. */
function jsonRequest(method: string, path: fc.Arbitrary<string>, fields: fc.Arbitrary<Record<string, unknown>>, token: string): fc.Arbitrary<RawRequest> {
  const body = fc.oneof(
    { weight: 6, arbitrary: fields.map((value) => JSON.stringify(value)) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_BODIES) },
    { weight: 1, arbitrary: hostileValue().map((value) => JSON.stringify(value)) },
  );
  return fc.tuple(path, body, fc.constantFrom(...CONTENT_TYPES)).map(([p, b, type]) => ({
    method,
    path: p,
    headers: { authorization: `Bearer ${token}`, ...(type ? { 'content-type': type } : {}) },
    body: b,
  }));
}

/** `?k=v&…` with each value percent-encoded or sent as written; arrays become repeated keys. */
function queryString(fields: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<string> {
  return fc.tuple(fields, fc.boolean()).map(([values, raw]) => {
    const part = raw ? pathSafe : (s: string) => encodeURIComponent(s.replace(/[\ud800-\udfff]/g, '\ufffd'));
    const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');
    const pairs = Object.entries(values).flatMap(([key, value]) => (Array.isArray(value) ? value : [value]).map((v) => `${part(key)}=${part(text(v))}`));
    return pairs.length === 0 ? '' : `?${pairs.join('&')}`;
  });
}

describe('access fuzzing: tokens, workspaces, audit and their prefixes', () => {
  let fuzz: AccessHub;
  let seeded: Seeded;
  let admin: KnownToken;

  beforeAll(async () => {
    fuzz = await startAccessHub();
    seeded = await seedAccess(fuzz);
    admin = seeded.admin;
  });

  it('POST /api/v1/tokens makes exactly the token it answers with, whose secret gives that role and workspace; a refused create adds no token', async () => {
    const fieldsOf = {
      role: field(ROLES, ['Admin', 'root', '']),
      workspace: field(['default', OTHER], ['nowhere', ...HOSTILE_WORKSPACE_NAMES]),
      name: field(TOKEN_NAMES.valid, TOKEN_NAMES.edge),
      expires: field(EXPIRES.valid, EXPIRES.edge),
    };
    // Mostly with a role, so that many creates get past it to the other fields.
    const fields = fc.oneof({ weight: 3, arbitrary: fc.record(fieldsOf, { requiredKeys: ['role'] }) }, { weight: 1, arbitrary: fc.record(fieldsOf, { requiredKeys: [] }) });
    await fc.assert(
      fc.asyncProperty(jsonRequest('POST', fc.constant('/api/v1/tokens'), fields, admin.secret), async (req) => {
        const before = await fuzz.tokens();
        const reply = await send(fuzz.url, req);
        const label = `POST /api/v1/tokens ${String(req.body).slice(0, 200)}`;
        expectHubAnswer(reply, label, 'POST');
        const after = await fuzz.tokens();
        if (reply.status !== 201) return void expect(tokenStates(after), `${label} refused but changed the tokens`).toEqual(tokenStates(before));
        const made = JSON.parse(reply.text) as { token: TokenView & { expires_at: string | null }; secret: string };
        expect(tokenStates(after)).toEqual([...tokenStates(before), `${made.token.id} usable`].sort());
        expect(made.token.workspace === null ? made.token.role === 'admin' : VALID_WORKSPACE.test(made.token.workspace), label).toBe(true);
        // A token made to expire within a second may be gone by the time it is tried.
        if (made.token.expires_at !== null && Date.parse(made.token.expires_at) < Date.now() + 500) return;
        const who = await fuzz.json('GET', '/api/v1/whoami/token', undefined, made.secret);
        expect(who.body.token, label).toMatchObject({ id: made.token.id, role: made.token.role, workspace: made.token.workspace });
        expect(who.body.token.name, label).toBe(made.token.name);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    counter.add(RUNS);
    await fuzz.expectAlive();
  });

  // A lone surrogate would be stored as invalid UTF-8 and read back as other text: it is refused.
  it('a token name with a lone surrogate is refused, naming the field, and adds no token', async () => {
    const before = tokenStates(await fuzz.tokens());
    const made = await fuzz.json('POST', '/api/v1/tokens', { role: 'viewer', name: 'a\ud800b' });
    expect(made.status).toBe(400);
    expect(made.body).toMatchObject({ code: 'invalid_input', field: 'name' });
    expect(tokenStates(await fuzz.tokens())).toEqual(before);
  });

  it('DELETE /api/v1/tokens/{id} with unknown, hostile or revoked ids is refused and revokes nothing', async () => {
    const ids = fc.oneof(fc.constantFrom(seeded.revoked.id, 't-000000', 't-', '', '..', '%00', `${admin.id}x`, admin.id.toUpperCase()), hostileString());
    await fc.assert(
      fc.asyncProperty(nameSegment(ids), async (segment) => {
        const before = tokenStates(await fuzz.tokens());
        const reply = await send(fuzz.url, { method: 'DELETE', path: `/api/v1/tokens/${segment}`, headers: { authorization: `Bearer ${admin.secret}` } });
        expectHubAnswer(reply, `DELETE /api/v1/tokens/${segment.slice(0, 200)}`, 'DELETE');
        expect(reply.status).toBeGreaterThanOrEqual(400);
        expect(tokenStates(await fuzz.tokens())).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    counter.add(RUNS);
  });

  it('POST /api/v1/workspaces creates only plain names, each with its own directory; a refused create leaves the list and the disk as they were', async () => {
    const name = fc.oneof({ weight: 6, arbitrary: workspaceName(['default', OTHER]) }, { weight: 1, arbitrary: hostileValue() });
    const fields = fc.record({ name, trust: field(['fenced', 'trusted'], ['Trusted', '', 'open']) }, { requiredKeys: ['name'] });
    await fc.assert(
      fc.asyncProperty(jsonRequest('POST', fc.constant('/api/v1/workspaces'), fields, admin.secret), async (req) => {
        const before = await fuzz.workspaces();
        const reply = await send(fuzz.url, req);
        const label = `POST /api/v1/workspaces ${String(req.body).slice(0, 200)}`;
        expectHubAnswer(reply, label, 'POST');
        const after = await fuzz.workspaces();
        if (reply.status === 201) {
          const made = (JSON.parse(reply.text) as { workspace: { name: string; trust: string } }).workspace;
          expect(made.name, label).toMatch(VALID_WORKSPACE);
          expect(after.map((w) => w.name).sort()).toEqual([...before.map((w) => w.name), made.name].sort());
        } else expect(after, `${label} refused but changed the workspaces`).toEqual(before);
        await fuzz.expectDisk();
      }),
      { seed: SEED, numRuns: RUNS },
    );
    counter.add(RUNS);
    await fuzz.expectAlive();
  });

  it('PATCH /api/v1/workspaces/{name} changes only the trust of a workspace that exists, to a known level', async () => {
    const existing = (await fuzz.workspaces()).map((w) => w.name);
    const names = fc.oneof({ weight: 2, arbitrary: fc.constantFrom(...existing) }, { weight: 1, arbitrary: workspaceName(existing) });
    const path = nameSegment(names).map((s) => `/api/v1/workspaces/${s}`);
    const fields = fc.record({ trust: field(['fenced', 'trusted'], ['TRUSTED', '', 'open']), name: field(['renamed', 'default']) }, { requiredKeys: [] });
    await fc.assert(
      fc.asyncProperty(jsonRequest('PATCH', path, fields, admin.secret), async (req) => {
        const before = await fuzz.workspaces();
        const reply = await send(fuzz.url, req);
        const label = `PATCH ${req.path.slice(0, 200)} ${String(req.body).slice(0, 100)}`;
        expectHubAnswer(reply, label, 'PATCH');
        const after = await fuzz.workspaces();
        if (reply.status === 200) {
          const changed = (JSON.parse(reply.text) as { workspace: { name: string; trust: string } }).workspace;
          expect(['fenced', 'trusted']).toContain(changed.trust);
          expect(after).toEqual(before.map((w) => (w.name === changed.name ? { ...w, trust: changed.trust } : w)));
        } else expect(after, `${label} refused but changed the workspaces`).toEqual(before);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    counter.add(RUNS);
  });

  it('DELETE /api/v1/workspaces/{name} removes a workspace with its directory and tokens, never default, and nothing when refused', async () => {
    // The workspaces made so far (all but the one the other properties use), to delete some for real.
    const existing = (await fuzz.workspaces()).map((w) => w.name).filter((name) => name !== OTHER);
    const names = fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...existing) }, { weight: 2, arbitrary: workspaceName(existing) }).filter((name) => name !== OTHER);
    await fc.assert(
      fc.asyncProperty(nameSegment(names), async (segment) => {
        const [before, tokensBefore] = [await fuzz.workspaces(), await fuzz.tokens()];
        const reply = await send(fuzz.url, { method: 'DELETE', path: `/api/v1/workspaces/${segment}`, headers: { authorization: `Bearer ${admin.secret}` } });
        const label = `DELETE /api/v1/workspaces/${segment.slice(0, 200)}`;
        expectHubAnswer(reply, label, 'DELETE');
        const [after, tokensAfter] = [await fuzz.workspaces(), await fuzz.tokens()];
        if (segment === 'default') expect(reply.status).toBe(400);
        if (reply.status === 200) {
          const gone = (JSON.parse(reply.text) as { deleted: string }).deleted;
          expect(gone).not.toBe('default');
          expect(after).toEqual(before.filter((w) => w.name !== gone));
          expect(tokensAfter.filter((t) => t.workspace === gone && t.state !== 'revoked'), `live tokens of deleted ${gone}`).toEqual([]);
        } else {
          expect(after, `${label} refused but changed the workspaces`).toEqual(before);
          expect(tokenStates(tokensAfter)).toEqual(tokenStates(tokensBefore));
        }
        await fuzz.expectDisk();
      }),
      { seed: SEED, numRuns: RUNS },
    );
    counter.add(RUNS);
    await fuzz.expectAlive();
  });

  it('GET /api/v1/audit answers any query with entries that honour its filters and limit, or a 400', async () => {
    const fields = fc.record(
      {
        workspace: field(['default', OTHER, 'nowhere', '', '%']),
        token: field([admin.id, seeded.revoked.id, 't-000000']),
        session: field([...seeded.sessions.values()]),
        action: field(['message.post', 'token.create', 'token.revoke', 'workspace.create', 'workspace.delete', 'session.register', 'workspace.enter', 'nothing']),
        after: field(['0', '1', '5', '-1', '1.5', 'x', '9007199254740993', '1e3']),
        limit: field(['1', '3', '1000', '1001', '0', '-1', 'x', '']),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(queryString(fields), async (query) => {
        const reply = await send(fuzz.url, { method: 'GET', path: `/api/v1/audit${query}`, headers: { authorization: `Bearer ${admin.secret}` } });
        const label = `GET /api/v1/audit${query.slice(0, 200)}`;
        expectHubAnswer(reply, label, 'GET');
        // 431: a query past Node's 16 KiB limit for the request line and headers.
        expect([200, 400, 431], label).toContain(reply.status);
        if (reply.status === 200) expectAuditHonours(query, (JSON.parse(reply.text) as { entries: Record<string, any>[] }).entries, label);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    counter.add(RUNS);
  });

  it('random workspace prefixes on every kind of path get a hub answer, store nothing when refused, and never take a token out of its workspace', async () => {
    const request = fc.tuple(prefixes(), fc.constantFrom(...PREFIX_SUFFIXES), fc.constantFrom(...prefixTokens(seeded)));
    await fc.assert(
      fc.asyncProperty(request, async ([prefix, [method, suffix, body], token]) => {
        const counts: Record<string, Record<string, number>> = { default: fuzz.counts('default'), [OTHER]: fuzz.counts(OTHER) };
        const headers: Record<string, string> = { authorization: `Bearer ${token.secret}`, 'x-baton-session-name': 'prefix-fuzz', accept: 'application/json, text/event-stream' };
        if (body) headers['content-type'] = 'application/json';
        const req: RawRequest = { method, path: prefix + suffix, headers, ...(body ? { body: JSON.stringify(body) } : {}) };
        const reply = await send(fuzz.url, req);
        const label = `${method} ${req.path.slice(0, 200)} as ${token.role}@${token.workspace ?? '*'}`;
        expectHubAnswer(reply, label, method, suffix.startsWith('/mcp'));
        for (const workspace of ['default', OTHER]) {
          if (reply.status >= 400 || !reaches(token, workspace)) expect(fuzz.counts(workspace), `${label}: ${workspace} changed`).toEqual(counts[workspace]);
        }
        if (reply.status < 300 && token.workspace) expectLinksInside(reply.text, fuzz.url, token.workspace, label);
        await fuzz.expectDisk();
      }),
      { seed: SEED, numRuns: RUNS * 2 },
    );
    counter.add(RUNS * 2);
    await fuzz.expectAlive();
  });

  it('random Authorization headers and tokens of every role against every route get exactly the access their role and workspace give', async () => {
    const presented = fc.oneof({ weight: 3, arbitrary: goodPresentation(seeded.tokens) }, { weight: 2, arbitrary: badAuthorization(admin, seeded.revoked) });
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...MODEL_ROUTES), fc.constantFrom(...TARGETS), presented, async (route, target, who) => {
        const existing = new Set((await fuzz.workspaces()).map((w) => w.name));
        const expected = expectedOf(route, target, who, existing);
        const before = await stateOf(fuzz);
        const req = modelRequest(route, target, who, seeded);
        const reply = await send(fuzz.url, req);
        const label = `${route.name}: ${req.method} ${req.path} with ${who.label}`;
        expectHubAnswer(reply, label, req.method, route.kind === 'mcp');
        if (expected !== 'allowed') {
          expect(reply.status, `${label} -> ${reply.text.slice(0, 200)}`).toBe(expected);
          expect(await stateOf(fuzz), `${label} refused but changed something`).toEqual(before);
          if (expected === 403) await expectForbiddenWithReason(fuzz, reply.text, route, target, tokenUsed(route.kind, route.method, who)!, label);
          return;
        }
        expect([401, 403], `${label} -> ${reply.text.slice(0, 200)}`).not.toContain(reply.status);
        route.allowed?.({ status: reply.status, body: tryJson(reply.text) }, tokenUsed(route.kind, route.method, who)!);
      }),
      { seed: SEED, numRuns: MODEL_RUNS },
    );
    counter.add(MODEL_RUNS);
    await fuzz.expectAlive();
  });

  it('dot segments and empty names in a workspace prefix resolve before the workspace is chosen, so they reach no file and no other workspace', async () => {
    const elsewhereAgent = seeded.tokens.find((t) => t.workspace === OTHER && t.role === 'agent')!;
    const cases: [path: string, token: KnownToken, status: number][] = [
      ['/w/%2e%2e/api/v1/channels', admin, 200],
      ['/w/%2e%2e/api/v1/channels', elsewhereAgent, 403],
      ['/w/../api/v1/channels', elsewhereAgent, 403],
      [`/w/${OTHER}/../default/api/v1/channels`, elsewhereAgent, 403],
      [`/w/${OTHER}/%2e%2e/%2e%2e/api/v1/channels`, elsewhereAgent, 403],
      ['/w/..%2f..%2fetc/api/v1/channels', admin, 404],
      ['/w/..%2F..%2Fcanary/api/v1/channels', admin, 404],
      ['/w//api/v1/channels', admin, 404],
      ['/w/%00/api/v1/channels', admin, 404],
      [`/w/${OTHER}%00/api/v1/channels`, elsewhereAgent, 403],
      ['/w/%65lsewhere/api/v1/channels', elsewhereAgent, 200],
    ];
    for (const [path, token, status] of cases) {
      const reply = await send(fuzz.url, { method: 'GET', path, headers: { authorization: `Bearer ${token.secret}` } });
      expectHubAnswer(reply, path, 'GET');
      expect(reply.status, `${path} as ${token.role}@${token.workspace ?? '*'}: ${reply.text.slice(0, 200)}`).toBe(status);
      if (status === 200 && token.workspace) expectLinksInside(reply.text, fuzz.url, token.workspace, path);
    }
    await fuzz.expectDisk();
  });

  it('a token create with a body over the request limit is a 413 and adds no token', async () => {
    const before = tokenStates(await fuzz.tokens());
    const reply = await send(fuzz.url, {
      method: 'POST',
      path: '/api/v1/tokens',
      headers: { authorization: `Bearer ${admin.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ role: 'agent', name: 'x'.repeat(9 * 1024 * 1024) }),
    }).catch((error: unknown) => ({ status: 0, contentType: '', text: String(error) }));
    // The hub may answer before it has read the whole body and close the connection under the rest.
    if (reply.status !== 0) {
      expectHubAnswer(reply, 'POST /api/v1/tokens (9 MiB)', 'POST');
      expect(reply.status).toBe(413);
    }
    expect(tokenStates(await fuzz.tokens())).toEqual(before);
    await fuzz.expectAlive();
  });

  it('leaves every file outside the data dir untouched and only live workspaces on disk', async () => {
    await fuzz.expectDisk();
    await fuzz.expectAlive();
  });
});

describe('access fuzzing: the rate limit', () => {
  it('answers bursts of random callers with 429 and Retry-After once a token has used its burst, 401 for bad tokens, and stores no refused post', async () => {
    const fuzz = await startAccessHub(['--rate-limit', '2', '--rate-burst', '4']);
    const agent = await fuzz.json('POST', '/api/v1/tokens', { role: 'agent', name: 'rate-agent' });
    const revoked = await fuzz.json('POST', '/api/v1/tokens', { role: 'agent', name: 'rate-revoked' });
    await fuzz.json('DELETE', `/api/v1/tokens/${revoked.body.token.id}`);
    const tokens: KnownToken[] = [{ id: agent.body.token.id, secret: agent.body.secret, role: 'agent', workspace: 'default' }];
    const session = (await fuzz.json('POST', '/api/v1/sessions', { name: 'rate-poster' }, tokens[0]!.secret)).body.session.id as string;
    const callers = fc.oneof(goodPresentation(tokens), badAuthorization({ id: '', secret: fuzz.admin, role: 'admin', workspace: null }, { id: '', secret: revoked.body.secret, role: 'agent', workspace: 'default' }));
    const routes = fc.constantFrom(['GET', '/api/v1/channels'], ['POST', '/api/v1/channels/general/messages'], ['GET', '/api/v1/whoami']);
    let limited = 0;
    let sent = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(callers, routes), { minLength: 4, maxLength: 12 }), async (batch) => {
        const before = fuzz.counts('default').messages!;
        const replies = await Promise.all(batch.map(([who, [method, path]]) => rateCall(fuzz.url, who, method!, path!, session)));
        sent += batch.length;
        let posted = 0;
        for (const [i, reply] of replies.entries()) {
          const [who, [method, path]] = batch[i]!;
          const label = `${method} ${path} with ${who.label} -> ${reply.status} ${JSON.stringify(reply.body).slice(0, 200)}`;
          if (!tokenUsed('api', method!, who)) expect(reply.status, label).toBe(who.huge ? 431 : 401);
          else expect([200, 201, 429], label).toContain(reply.status);
          if (reply.status === 429) {
            limited++;
            expect(reply.retryAfter, label).toMatch(/^[1-9]\d*$/);
            expect(reply.body, label).toMatchObject({ success: false, code: 'rate_limited' });
          }
          if (reply.status === 201 && method === 'POST') posted++;
        }
        expect(fuzz.counts('default').messages! - before, 'messages stored beyond the acknowledged posts').toBe(posted);
      }),
      { seed: SEED, numRuns: 25 },
    );
    counter.add(sent);
    expect(limited, 'no request was ever rate limited').toBeGreaterThan(0);
    await fuzz.expectAlive();
  });
});

/** One call through fetch (the rate limit is about counting, not paths), with its Retry-After. */
async function rateCall(url: string, who: Presented, method: string, path: string, session: string) {
  const headers: Record<string, string> = { ...who.headers, 'content-type': 'application/json', 'x-baton-session': session };
  const response = await fetch(`${url}${path}`, { method, headers, ...(method === 'POST' ? { body: JSON.stringify({ title: 'rate post', body: 'x' }) } : {}) });
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: tryJson(await response.text()) };
}

/** Tokens, workspaces and both workspaces' rows: everything a refused call must leave alone. */
async function stateOf(fuzz: AccessHub) {
  return { tokens: tokenStates(await fuzz.tokens()), workspaces: await fuzz.workspaces(), default: fuzz.counts('default'), [OTHER]: fuzz.counts(OTHER) };
}

/** A 403 gives its one-line reason (the workspace, or the role needed and the token's) and is recorded as a denial. */
async function expectForbiddenWithReason(fuzz: AccessHub, text: string, route: ModelRoute, target: Target, token: KnownToken, label: string): Promise<void> {
  const outside = route.scope === 'workspace' && !reaches(token, target.workspace);
  const reason = outside ? `is for workspace '${token.workspace}', not '${target.workspace}'` : `needs the ${route.needs} role; this token (${token.role}-${token.workspace}) is ${token.role}`;
  expect(tryJson(text).error, label).toContain(reason);
  const newest = await fuzz.json('GET', `/api/v1/audit?token=${token.id}&limit=1`);
  expect(newest.body.entries?.[0]?.outcome, `${label}: denial not in the audit`).toBe('denied');
}

/** Every web link in an answer points into the token's workspace. */
function expectLinksInside(text: string, url: string, workspace: string, label: string): void {
  const links = [...text.matchAll(/"web_url":"([^"]*)"/g)].map((m) => m[1]!);
  const inside = workspace === 'default' ? (link: string) => link.startsWith(url) && !link.startsWith(`${url}/w/`) : (link: string) => link.startsWith(`${url}/w/${workspace}/`);
  expect(links.filter((link) => !inside(link)), `${label}: links outside ${workspace}`).toEqual([]);
}

/** Filters given as plain text (no escapes that parsers might read differently) must hold for every entry. */
function expectAuditHonours(query: string, entries: Record<string, any>[], label: string): void {
  const first = new Map<string, string>();
  for (const pair of query.replace(/^\?/, '').split('&')) {
    const [key, value = ''] = pair.split('=');
    if (key && !first.has(key)) first.set(key, value);
  }
  const plain = (key: string) => {
    const value = first.get(key);
    return value !== undefined && /^[A-Za-z0-9._~-]+$/.test(value) ? value : undefined;
  };
  const limit = plain('limit');
  expect(entries.length, label).toBeLessThanOrEqual(limit ? Number(limit) : 100);
  const filters: [string, string][] = [['workspace', 'workspace'], ['token', 'token_id'], ['session', 'session_id'], ['action', 'action']];
  for (const [key, column] of filters) {
    const value = plain(key);
    if (value) expect(entries.filter((e) => e[column] !== value), `${label}: ${key} filter`).toEqual([]);
  }
  const after = plain('after');
  if (after) expect(entries.filter((e) => !(e.id > Number(after))), `${label}: after filter`).toEqual([]);
  for (const e of entries) {
    expect(typeof e.id === 'number' && typeof e.action === 'string' && ['ok', 'denied'].includes(e.outcome), `${label}: entry ${JSON.stringify(e)}`).toBe(true);
  }
}

const PREFIX_SEGMENTS = [
  'default', OTHER, 'nowhere', '', '.', '..', '%2e%2e', '%2E%2e', '.%2e', '%2e', '..%2f', '..%2F..%2Fetc', '%2f', '%2F..', '%00', 'default%00',
  'default%2f..', 'DEFAULT', 'default%20', '%64efault', '%65lsewhere', `${OTHER}%2f..%2fdefault`, '%5c..%5c', ';', 'default;x', '%3f', '%23', '%25', '%252e%252e', 'x'.repeat(300),
];

/** `/w/<something>` with something hostile, or a prefix that is not quite one. */
function prefixes(): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...PREFIX_SEGMENTS).map((s) => `/w/${s}`) },
    { weight: 2, arbitrary: nameSegment(hostileString()).map((s) => `/w/${s}`) },
    { weight: 1, arbitrary: fc.constantFrom('/w/..', '/w/', '/w', '//w/default', '/w//', '/w/default/w/elsewhere', `/w/${OTHER}/w/default`, `/w/${OTHER}/..`, `/w/${OTHER}/%2e%2e`, `/w/nowhere/../${OTHER}`, `/W/${OTHER}`, '') },
  );
}

type Suffix = [method: string, path: string, body?: unknown];
const INITIALIZE = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'prefix-fuzz', version: '1' } } };
// No hub-wide writes: a prefix that resolves away would turn them into real deletions of the fixtures.
const PREFIX_SUFFIXES: Suffix[] = [
  ['GET', '/api/v1/channels'],
  ['GET', '/api/v1/whoami'],
  ['GET', '/api/v1/documents'],
  ['POST', '/api/v1/channels/general/messages', { title: 'prefix post', body: 'x' }],
  ['POST', '/api/v1/sessions', { name: 'prefix-session' }],
  ['POST', '/mcp', INITIALIZE],
  ['GET', '/mcp'],
  ['DELETE', '/mcp'],
  ['GET', '/'],
  ['GET', '/docs'],
  ['GET', '/c/general'],
  ['GET', '/api/v1/tokens'],
  ['GET', '/api/v1/audit?limit=1'],
  ['GET', '/api/v1/workspaces'],
  ['GET', '/healthz'],
  ['GET', '/login'],
  ['GET', ''],
];

/** The admin most of the time, so prefixes get past the token; agents of each workspace to test the walls. */
function prefixTokens(seeded: Seeded): KnownToken[] {
  const agent = (workspace: string) => seeded.tokens.find((t) => t.workspace === workspace && t.role === 'agent')!;
  const viewer = seeded.tokens.find((t) => t.workspace === 'default' && t.role === 'viewer')!;
  return [seeded.admin, seeded.admin, seeded.admin, agent(OTHER), agent(OTHER), agent('default'), viewer];
}

function tryJson(text: string): Record<string, any> {
  try {
    return JSON.parse(text) as Record<string, any>;
  } catch {
    return { unparsed: text.slice(0, 200) };
  }
}
