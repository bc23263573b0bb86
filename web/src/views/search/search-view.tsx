// PLACEHOLDER: replaced by the view's implementation.
export function SearchView() {
  return <section class="view"><h1>SearchView</h1></section>;
}
