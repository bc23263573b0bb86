// PLACEHOLDER: replaced by the view's implementation.
export function MessageRedirect() {
  return <section class="view"><h1>MessageRedirect</h1></section>;
}
