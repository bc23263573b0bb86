// PLACEHOLDER: replaced by the view's implementation.
export function BoardView() {
  return <section class="view"><h1>BoardView</h1></section>;
}
