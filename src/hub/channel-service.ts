import { z } from 'zod';
import { conflict, notFound } from '../core/errors.js';
import { clip } from '../core/text.js';
import { cleanText, parseInput } from '../core/validate.js';
import { DEFAULT_CHANNELS, normalizeChannelName, validChannelName } from '../domain/channel-names.js';
import type { Channel } from '../domain/types.js';
import type { Caller, HubContext } from './context.js';
import { audit, authorize } from './permissions.js';
import { channelView } from './views.js';

const CreateInput = z.object({
  name: z.string().max(200),
  description: cleanText(500).optional(),
});

export class ChannelService {
  /** Channels are never renamed or removed, so one found stays valid. */
  private readonly known = new Map<string, Channel>();

  constructor(private readonly ctx: HubContext) {}

  /** Every hub has general, alerts and handoffs. */
  async ensureDefaults(): Promise<void> {
    for (const c of DEFAULT_CHANNELS) {
      await this.ctx.store.channels.create({ ...c, createdBy: null, createdAt: this.ctx.clock.now() });
    }
  }

  async create(caller: Caller, raw: unknown) {
    await authorize(this.ctx, caller, 'channel.create');
    const input = parseInput(CreateInput, raw);
    const name = validChannelName(input.name, 'name');
    const created = await this.ctx.store.channels.create({
      name,
      description: input.description ?? '',
      createdBy: caller.session.id,
      createdAt: this.ctx.clock.now(),
    });
    if (!created) throw conflict(`Channel '${name}' already exists`);
    await audit(this.ctx, caller, 'channel.create', name);
    return channelView(created, this.ctx.links);
  }

  /** The channel a name means (case-insensitive, '#' and the origin's aliases allowed). */
  async resolve(raw: string): Promise<Channel> {
    const name = normalizeChannelName(raw);
    const channel = this.known.get(name) ?? (await this.ctx.store.channels.byName(name));
    if (!channel) throw notFound(`Channel '${clip(raw, 100)}' not found`);
    this.known.set(name, channel);
    return channel;
  }

  async list() {
    const channels = await this.ctx.store.channels.list();
    return channels.map((c) => channelView(c, this.ctx.links));
  }
}
