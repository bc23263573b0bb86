import type { Channel } from '../../domain/types.js';
import { toChannel, type ChannelRow } from '../rows/channel-row.js';
import type { ChannelStore } from '../store.js';
import type { PgDb } from './pg-db.js';
import type { TableNames } from './pg-store.js';

export class PgChannels implements ChannelStore {
  constructor(
    private readonly db: PgDb,
    private readonly s: TableNames,
  ) {}

  async create(channel: Omit<Channel, 'id'>): Promise<Channel | undefined> {
    const [row] = await this.db.query<ChannelRow>(
      `INSERT INTO ${this.s('channels')} (name, description, created_by, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO NOTHING RETURNING *`,
      [channel.name, channel.description, channel.createdBy, channel.createdAt],
    );
    return row && toChannel(row);
  }

  async byName(name: string): Promise<Channel | undefined> {
    const [row] = await this.db.query<ChannelRow>(`SELECT * FROM ${this.s('channels')} WHERE name = $1`, [name]);
    return row && toChannel(row);
  }

  async list(): Promise<Channel[]> {
    return (await this.db.query<ChannelRow>(`SELECT * FROM ${this.s('channels')} ORDER BY id`)).map(toChannel);
  }
}
