// PLACEHOLDER: replaced by the view's implementation.
export function AlertsView() {
  return <section class="view"><h1>AlertsView</h1></section>;
}
