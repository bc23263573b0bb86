import type { SearchResult } from '../../api/types.js';
import { DocumentHit } from './document-hit.js';
import { MessageHit } from './message-hit.js';

/** Messages and documents found, in two groups; an empty group says so rather than disappearing. */
export function SearchResults({ result }: { result: SearchResult }) {
  if (result.messages.length === 0 && result.documents.length === 0) {
    return (
      <p class="search-empty" data-testid="search-empty">
        No results for “{result.query}”.
      </p>
    );
  }
  return (
    <div class="search-groups">
      <section class="search-group" aria-labelledby="search-messages-title" data-testid="search-messages">
        <h2 id="search-messages-title">
          Messages <span class="count">{result.messages.length}</span>
        </h2>
        {result.messages.length === 0 ? (
          <p class="muted">No message matches.</p>
        ) : (
          <ol class="search-hits">
            {result.messages.map((hit) => (
              <MessageHit key={hit.id} hit={hit} />
            ))}
          </ol>
        )}
      </section>
      <section class="search-group" aria-labelledby="search-documents-title" data-testid="search-documents">
        <h2 id="search-documents-title">
          Documents <span class="count">{result.documents.length}</span>
        </h2>
        {result.documents.length === 0 ? (
          <p class="muted">No document matches.</p>
        ) : (
          <ol class="search-hits">
            {result.documents.map((hit) => (
              <DocumentHit key={hit.id} hit={hit} />
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}

/** What the status line says once an answer is in. */
export function summary(result: SearchResult): string {
  const count = (n: number, one: string): string => `${n} ${one}${n === 1 ? '' : 's'}`;
  return `${count(result.messages.length, 'message')} and ${count(result.documents.length, 'document')} found`;
}
