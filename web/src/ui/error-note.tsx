import { ApiError } from '../api/http.js';

/** A refusal or failure, said plainly where the view would have been. */
export function ErrorNote({ error }: { error: unknown }) {
  const message = error instanceof ApiError ? error.message : error instanceof Error ? error.message : String(error);
  return (
    <p class="error" role="alert">
      {message}
    </p>
  );
}
