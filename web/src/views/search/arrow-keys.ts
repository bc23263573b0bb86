/**
 * Up and down arrows move through the results (each a link marked `data-hit`), and from the box
 * to the first one and back; Escape returns to the box. Tab works as everywhere else.
 */
export function moveThroughHits(event: KeyboardEvent, root: HTMLElement, box: HTMLInputElement): void {
  const hits = [...root.querySelectorAll<HTMLAnchorElement>('a[data-hit]')];
  const at = hits.indexOf(document.activeElement as HTMLAnchorElement);
  if (event.key === 'Escape' && at >= 0) {
    event.preventDefault();
    box.focus();
    return;
  }
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  if (at < 0 && event.target !== box) return;
  const next = event.key === 'ArrowDown' ? Math.min(at + 1, hits.length - 1) : at - 1;
  const target = next < 0 ? box : hits[next];
  if (!target) return;
  event.preventDefault();
  target.focus();
}
