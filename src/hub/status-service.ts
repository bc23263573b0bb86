import type { Caller, HubContext } from './context.js';
import type { SessionService } from './session-service.js';
import { channelView } from './views.js';

/** What `baton status` shows: channels with this session's unread counts, and who is around. */
export class StatusService {
  constructor(
    private readonly ctx: HubContext,
    private readonly sessions: SessionService,
  ) {}

  async get(caller: Caller) {
    const { store, links } = this.ctx;
    const channels = await store.channels.list();
    const withUnread = await Promise.all(
      channels.map(async (c) => {
        const cursor = await store.sessions.readCursor(caller.session.id, c.id);
        return { ...channelView(c, links), unread: await store.messages.countAfter(c.id, cursor) };
      }),
    );
    const sessions = await this.sessions.list({ limit: 100 });
    return {
      hub: links.base,
      session: { id: caller.session.id, name: caller.session.name },
      channels: withUnread,
      sessions: sessions.filter((s) => s.presence !== 'gone'),
    };
  }
}
