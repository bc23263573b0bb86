import type Database from 'better-sqlite3';
import type { Channel } from '../../domain/types.js';
import { toChannel, type ChannelRow } from '../rows/channel-row.js';
import type { ChannelStore } from '../store.js';

export class SqliteChannels implements ChannelStore {
  private readonly insert;
  private readonly named;
  private readonly all;

  constructor(db: Database.Database) {
    this.insert = db.prepare<[string, string, string | null, number], ChannelRow>(
      `INSERT INTO channels (name, description, created_by, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (name) DO NOTHING RETURNING *`,
    );
    this.named = db.prepare<[string], ChannelRow>('SELECT * FROM channels WHERE name = ?');
    this.all = db.prepare<[], ChannelRow>('SELECT * FROM channels ORDER BY id');
  }

  async create(channel: Omit<Channel, 'id'>): Promise<Channel | undefined> {
    // all(), not get(): a statement stopped at its RETURNING row never lets SQLite checkpoint the WAL.
    const row = this.insert.all(channel.name, channel.description, channel.createdBy, channel.createdAt)[0];
    return row && toChannel(row);
  }

  async byName(name: string): Promise<Channel | undefined> {
    const row = this.named.get(name);
    return row && toChannel(row);
  }

  async list(): Promise<Channel[]> {
    return this.all.all().map(toChannel);
  }
}
