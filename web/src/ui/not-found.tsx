import { href } from '../state/place.js';

export function NotFound() {
  return (
    <section class="view">
      <h1>Nothing here</h1>
      <p>
        This page is not part of the dashboard. <a href={href('/')}>Go to the channels</a>.
      </p>
    </section>
  );
}
