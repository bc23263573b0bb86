// PLACEHOLDER: replaced by the view's implementation.
export function SessionsView() {
  return <section class="view"><h1>SessionsView</h1></section>;
}
