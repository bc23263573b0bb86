import { z } from 'zod';
import { invalidInput } from '../core/errors.js';
import { cleanText, intIn, parseInput } from '../core/validate.js';
import { fullTextQuery } from '../domain/search-query.js';
import type { HubContext } from './context.js';
import { documentView, messageView } from './views.js';
import { withTasks } from './with-tasks.js';

const SearchInput = z.object({
  q: cleanText(200).trim(),
  limit: intIn(1, 50).default(20),
});

/** Messages a search indexes before it answers; a bigger backlog (a store from before search) is indexed over several searches. */
const CATCH_UP = 50_000;

/** One box over messages and documents. */
export class SearchService {
  constructor(private readonly ctx: HubContext) {}

  async search(raw: unknown) {
    const input = parseInput(SearchInput, raw);
    const match = fullTextQuery(input.q);
    if (!match) throw invalidInput('q', 'is required: the words to search for');
    const { store, links } = this.ctx;
    const complete = await store.search.catchUp(CATCH_UP);
    const messageHits = await store.search.messages(match, input.limit);
    const messages = await Promise.all(messageHits.map(async (hit) => ({ hit, message: await store.messages.get(hit.id) })));
    const found = messages.flatMap(({ hit, message }) => (message ? [{ message, snippet: hit.snippet }] : []));
    await withTasks(store, found.map((f) => f.message));
    const documents = await Promise.all((await store.search.documents(match, input.limit)).map(async (hit) => ({ hit, document: await store.documents.byId(hit.id) })));
    return {
      query: input.q,
      messages: found.map((f) => ({ ...messageView(f.message, links), snippet: f.snippet })),
      documents: documents.flatMap(({ hit, document }) => (document ? [{ ...documentView(document, links), snippet: hit.snippet }] : [])),
      ...(complete ? {} : { note: 'older messages are still being indexed: search again to find them' }),
    };
  }
}
