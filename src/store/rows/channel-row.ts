import type { Channel } from '../../domain/types.js';

/** A channel as both adapters read it. */
export interface ChannelRow {
  id: number;
  name: string;
  description: string;
  created_by: string | null;
  created_at: number;
}

export const toChannel = (r: ChannelRow): Channel => ({
  id: r.id,
  name: r.name,
  description: r.description,
  createdBy: r.created_by,
  createdAt: r.created_at,
});
