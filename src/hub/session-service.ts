import { z } from 'zod';
import { BatonError, invalidInput, notFound } from '../core/errors.js';
import { clip, sha256Hex } from '../core/text.js';
import type { Access } from './access.js';
import { audit } from './permissions.js';
import { cleanText, intIn, parseInput } from '../core/validate.js';
import type { Session } from '../domain/types.js';
import type { HubContext } from './context.js';
import { presenceOf } from './presence.js';
import { messageView, sessionView } from './views.js';
import { withTasks } from './with-tasks.js';

const RecentInput = z.object({ limit: intIn(1, 100).default(20) });

const RegisterInput = z.object({
  name: cleanText(80).trim().min(1),
  role: cleanText(80).optional(),
  client: cleanText(80).optional(),
  kind: z.enum(['agent', 'human']).optional(),
  resume_token: z.string().max(200).optional(),
});
export type RegisterInput = z.input<typeof RegisterInput>;

export interface Registration {
  session: Session;
  /** Present the same name and this token to get the same session back after a restart. */
  resumeToken: string;
  resumed: boolean;
}

/** How many sessions identify() remembers before it starts over. */
const KNOWN_SESSIONS_MAX = 10_000;

/** A session's last-seen time is written at most this often; presence needs no finer grain. */
const TOUCH_EVERY_MS = 1000;

export class SessionService {
  private readonly touched = new Map<string, number>();
  private readonly known = new Map<string, Session>();

  constructor(private readonly ctx: HubContext) {}

  /**
   * Creates a session owned by the caller's token, or with the name and resume token it was given
   * returns the same one (to the token that owns it).
   */
  async register(raw: unknown, access: Access): Promise<Registration> {
    const input = parseInput(RegisterInput, raw);
    const registration = input.resume_token ? await this.resume(input.name, input.resume_token, access) : await this.create(input, access);
    if (!registration.resumed) await audit(this.ctx, { session: registration.session, access }, 'session.register', registration.session.id);
    return registration;
  }

  private async resume(name: string, token: string, access: Access): Promise<Registration> {
    const session = await this.ctx.store.sessions.findResumable(name, sha256Hex(token));
    if (!session) throw invalidInput('resume_token', `does not match a session named '${name}'`);
    checkOwner(session, access);
    await this.touch(session, true);
    return { session, resumeToken: token, resumed: true };
  }

  private async create(input: z.infer<typeof RegisterInput>, access: Access): Promise<Registration> {
    const { clock, ids, store } = this.ctx;
    const resumeToken = ids.token();
    for (let attempt = 0; attempt < 8; attempt++) {
      const session: Session = {
        id: ids.session(),
        name: input.name,
        role: input.role ?? 'agent',
        client: input.client ?? 'unknown',
        kind: input.kind ?? 'agent',
        firstSeen: clock.now(),
        lastSeen: clock.now(),
        tokenId: access.tokenId,
      };
      if (await store.sessions.create({ ...session, resumeTokenHash: sha256Hex(resumeToken) })) {
        return { session, resumeToken, resumed: false };
      }
    }
    throw new Error('could not draw a free session id');
  }

  async get(id: string): Promise<Session> {
    const session = await this.ctx.store.sessions.get(id);
    if (!session) throw notFound(`Session '${id}' not found`);
    return session;
  }

  /**
   * The session a request names; an unknown id is refused so nobody writes as a ghost. Sessions
   * are remembered once seen (their identity never changes), which keeps a lookup off every request.
   */
  async identify(id: string, access: Access): Promise<Session> {
    const session = this.known.get(id) ?? (await this.ctx.store.sessions.get(id));
    if (!session) throw new BatonError('unauthenticated', `unknown session '${clip(id, 40)}': register again`);
    checkOwner(session, access);
    this.remember(session);
    await this.touch(session);
    return session;
  }

  private remember(session: Session): void {
    if (this.known.size >= KNOWN_SESSIONS_MAX) this.known.clear();
    this.known.set(session.id, session);
  }

  /** Refreshes last-seen; every call does this, but the store is written at most once a second. */
  async touch(session: Session, force = false): Promise<void> {
    const now = this.ctx.clock.now();
    if (!force && now - (this.touched.get(session.id) ?? 0) < TOUCH_EVERY_MS) return;
    this.touched.set(session.id, now);
    session.lastSeen = now;
    await this.ctx.store.sessions.touch(session.id, now);
  }

  /** Drops a session that was made on first contact and then replaced by a registered one. */
  async discardIfUnused(id: string): Promise<void> {
    if (await this.ctx.store.sessions.removeIfUnused(id)) {
      this.touched.delete(id);
      this.known.delete(id);
    }
  }

  async list(raw: unknown = {}) {
    const { limit } = parseInput(z.object({ limit: intIn(1, 500).default(25) }), raw);
    const now = this.ctx.clock.now();
    const sessions = await this.ctx.store.sessions.list(limit);
    return Promise.all(sessions.map(async (s) => ({ ...sessionView(s, presenceOf(s.lastSeen, now)), holds: await this.holdings(s.id) })));
  }

  /** The claimed handoffs and acknowledged alerts a session holds. */
  private async holdings(sessionId: string) {
    const held = await this.ctx.store.tasks.list({ holderId: sessionId, states: ['claimed', 'acknowledged'], limit: 50 });
    return held.map((t) => ({ id: t.id, kind: t.kind, task: t.task, state: t.state }));
  }

  /** What a session wrote lately, in every channel, newest first, with the task of each handoff or alert. */
  async recentMessages(id: string, raw: unknown = {}) {
    const { limit } = parseInput(RecentInput, raw);
    const session = await this.get(id);
    const messages = await this.ctx.store.messages.byAuthor(session.id, limit);
    await withTasks(this.ctx.store, messages);
    return { session: session.id, messages: messages.map((m) => messageView(m, this.ctx.links)) };
  }

  async view(id: string) {
    const session = await this.get(id);
    return { ...sessionView(session, presenceOf(session.lastSeen, this.ctx.clock.now())), holds: await this.holdings(session.id) };
  }
}

/** A session speaks only for the token that registered it; an admin's token may act as any. */
function checkOwner(session: Session, access: Access): void {
  if (access.role === 'admin' || session.tokenId === null || session.tokenId === access.tokenId) return;
  throw new BatonError('forbidden', `session ${session.id} belongs to another token: register a session with this one`);
}
