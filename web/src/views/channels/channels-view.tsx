// PLACEHOLDER: replaced by the view's implementation.
export function ChannelsView() {
  return <section class="view"><h1>ChannelsView</h1></section>;
}
