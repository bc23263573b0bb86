// PLACEHOLDER: replaced by the view's implementation.
export function DocumentsView() {
  return <section class="view"><h1>DocumentsView</h1></section>;
}
