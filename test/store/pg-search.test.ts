import { describe, expect, it } from 'vitest';
import { fullTextQuery } from '../../src/domain/search-query.js';
import { PgDb } from '../../src/store/postgres/pg-db.js';
import { openPgStore } from '../../src/store/postgres/pg-store.js';
import type { Store } from '../../src/store/store.js';
import { atFileEnd } from '../support/cleanup.js';
import { PG_URL, testDb } from '../support/pg.js';
import { newSession, T0 } from './conformance/fixtures.js';

const { db, schema } = testDb();

/** A query as the hub builds it from what a person typed. */
const q = (typed: string) => fullTextQuery(typed)!;

async function storeWithAuthor(name = schema()): Promise<Store & { post: (title: string, body: string) => Promise<string> }> {
  const store = await openPgStore(db, name);
  await store.sessions.create(newSession('s-search'));
  const channel = (await store.channels.create({ name: 'general', description: '', createdBy: null, createdAt: T0 }))!;
  const post = async (title: string, body: string) =>
    (await store.messages.append({ channelId: channel.id, title, body, authorId: 's-search', createdAt: T0, replyTo: null, threadId: null })).id;
  return Object.assign(store, { post });
}

describe('postgres search', () => {
  it('an accented word is found by its plain spelling and the other way round, shown as written', async () => {
    const store = await storeWithAuthor();
    const accented = await store.post('Réunion', 'le café est prêt');
    const plain = await store.post('naive plan', 'a resume of the cafe');
    await store.search.catchUp(100);
    expect(await store.search.messages(q('prêt'), 10)).toEqual([{ id: accented, snippet: 'le café est «prêt»' }]);
    expect(await store.search.messages(q('PRET'), 10)).toEqual([{ id: accented, snippet: 'le café est «prêt»' }]);
    expect(await store.search.messages(q('reunion'), 10)).toEqual([{ id: accented, snippet: '«Réunion»' }]);
    expect(await store.search.messages(q('naïve'), 10)).toEqual([{ id: plain, snippet: '«naive» plan' }]);
    expect((await store.search.messages(q('café'), 10)).map((h) => h.snippet).sort()).toEqual(['a resume of the «cafe»', 'le «café» est prêt']);
    await store.search.indexDocument('d-aaaaaaaaaa', 'notes/résumé.md', 'Ça marche');
    expect(await store.search.documents(q('resume'), 10)).toEqual([{ id: 'd-aaaaaaaaaa', snippet: 'notes/«résumé».md' }]);
    expect(await store.search.documents(q('CA MARCH'), 10)).toEqual([{ id: 'd-aaaaaaaaaa', snippet: '«Ça» «marche»' }]);
  });

  it('every word must match, a word of several parts is a phrase, and only the last word is a prefix', async () => {
    const store = await storeWithAuthor();
    const both = await store.post('deploy', 'the api-gateway rollout');
    await store.post('deploy', 'the gateway for the api');
    await store.search.catchUp(100);
    expect((await store.search.messages(q('deploy gateway'), 10)).length).toBe(2);
    expect(await store.search.messages(q('api-gateway'), 10)).toEqual([{ id: both, snippet: 'the «api-gateway» rollout' }]);
    expect(await store.search.messages(q('api-gate'), 10)).toEqual([{ id: both, snippet: 'the «api-gateway» rollout' }]);
    expect(await store.search.messages('"gate" "deploy"', 10)).toEqual([]);
    expect(await store.search.messages(q('deploy nothing'), 10)).toEqual([]);
  });

  it('query syntax, quotes, backslashes and emoji never fail, and never match what the words do not', async () => {
    const store = await storeWithAuthor();
    for (const body of ['alpha beta', 'gamma delta', "quote's and back\\slash: 100%"]) await store.post('note', body);
    await store.search.catchUp(100);
    await store.search.indexDocument('d-aaaaaaaaaa', 'beta.md', 'delta');
    const hostile = [
      "'alpha' | 'gamma'",
      '"alpha" | "gamma"',
      'alpha | gamma',
      '!zzz',
      "!'zzz'",
      '(alpha | gamma) & !zzz',
      'alpha <-> gamma',
      "alpha:* | gamma:*",
      "''",
      "'",
      '\\',
      "\\'zzz\\' \\\\",
      '"',
      '""',
      '"alpha"" gamma"',
      ':*',
      '*',
      '&|!():*',
      '🚀',
      '\u0000',
      'x'.repeat(5000),
      'a'.repeat(2100),
      Array.from({ length: 300 }, (_, i) => `w${i}`).join(' '),
    ];
    for (const text of hostile) {
      for (const match of [text, fullTextQuery(text)]) {
        if (match === undefined) continue;
        expect(await store.search.messages(match, 10), match.slice(0, 40)).toEqual([]);
        expect(await store.search.documents(match, 10), match.slice(0, 40)).toEqual([]);
      }
    }
    expect(await store.search.messages(q("quote's back\\slash: 100%"), 10)).toHaveLength(1);
    expect(await store.search.messages('alpha:*', 10)).toHaveLength(1);
  });

  it('limits that are not positive counts find nothing rather than fail', async () => {
    const store = await storeWithAuthor();
    await store.post('note', 'limits');
    expect(await store.search.catchUp(0)).toBe(false);
    expect(await store.search.catchUp(Number.NaN)).toBe(false);
    expect(await store.search.catchUp(1)).toBe(true);
    for (const limit of [0, -1, Number.NaN, Number.NEGATIVE_INFINITY]) expect(await store.search.messages(q('limits'), limit)).toEqual([]);
    expect(await store.search.messages(q('limits'), 1.5)).toHaveLength(1);
    expect(await store.search.messages(q('limits'), Number.POSITIVE_INFINITY)).toHaveLength(1);
  });

  it('equal matches come newest first', async () => {
    const store = await storeWithAuthor();
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push(await store.post('same', 'the same words'));
    await store.search.catchUp(100);
    expect((await store.search.messages(q('same words'), 10)).map((h) => h.id)).toEqual(ids.reverse());
  });

  it('a document too big for one tsvector is indexed as far as it fits, and NUL is no failure', async () => {
    const store = await storeWithAuthor();
    const text = `opening ${Array.from({ length: 120_000 }, (_, i) => `w${i.toString(36)}x${i}`).join(' ')} closing`;
    await store.search.indexDocument('d-bigbigbigb', 'big.txt', text);
    expect((await store.search.documents(q('opening'), 10)).map((h) => h.id)).toEqual(['d-bigbigbigb']);
    await store.search.indexDocument('d-nulnulnuln', 'nul\u0000.txt', 'before\u0000after');
    expect((await store.search.documents(q('after'), 10)).map((h) => h.id)).toEqual(['d-nulnulnuln']);
    await store.search.indexDocument('d-\u0000', 'x', 'y');
    await store.search.dropDocument('d-\u0000');
  });

  it('nodes catching up at once while messages are written index each message exactly once', async () => {
    const name = schema();
    const store = await storeWithAuthor(name);
    const other = new PgDb(PG_URL);
    atFileEnd(() => other.close());
    const node = await openPgStore(other, name);
    const written: string[] = [];
    const writer = (async () => {
      for (let i = 0; i < 300; i++) written.push(await store.post('race', `concurrent message ${i}`));
    })();
    let writing = true;
    const stopped = () => (writing = false);
    void writer.then(stopped, stopped);
    const catcher = async (s: Store) => {
      while (writing) await s.search.catchUp(7);
      while (!(await s.search.catchUp(7)));
    };
    // Every loop runs to its end before the index is read, even when one of them fails.
    const outcomes = await Promise.allSettled([writer, catcher(store), catcher(node), catcher(store), catcher(node)]);
    expect(outcomes.filter((o) => o.status === 'rejected')).toEqual([]);
    const indexed = await db.query<{ seq: number; n: number }>(`SELECT seq, count(*)::int AS n FROM "${name}".message_search GROUP BY seq ORDER BY seq`);
    const messages = await db.query<{ seq: number }>(`SELECT seq FROM "${name}".messages ORDER BY seq`);
    expect(indexed.map((r) => r.seq)).toEqual(messages.map((r) => r.seq));
    expect(indexed.every((r) => r.n === 1)).toBe(true);
    expect(written).toHaveLength(300);
    expect(await node.search.messages(q('concurrent'), 50)).toHaveLength(50);
  });
});
