import type Database from 'better-sqlite3';

const MAX_SESSIONS = 10_000;

/**
 * Channel and session names by id. Neither is ever renamed, so a name once read stays right; the
 * session map starts over when it grows past its bound.
 */
export class NameCache {
  private readonly channels = new Map<number, string>();
  private readonly sessions = new Map<string, string>();
  private readonly channelName;
  private readonly sessionName;

  constructor(db: Database.Database) {
    this.channelName = db.prepare<[number], string>('SELECT name FROM channels WHERE id = ?').pluck();
    this.sessionName = db.prepare<[string], string>('SELECT name FROM sessions WHERE id = ?').pluck();
  }

  channel(id: number): string {
    let name = this.channels.get(id);
    if (name === undefined) this.channels.set(id, (name = this.channelName.get(id)!));
    return name;
  }

  session(id: string): string {
    let name = this.sessions.get(id);
    if (name === undefined) {
      if (this.sessions.size >= MAX_SESSIONS) this.sessions.clear();
      this.sessions.set(id, (name = this.sessionName.get(id)!));
    }
    return name;
  }
}
