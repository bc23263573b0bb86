/**
 * The seed's status titles start with an emoji that says what kind of message it is; the dashboard
 * styles each kind (a colour and a label a screen reader says).
 */
const KINDS: [mark: string, kind: string, label: string][] = [
  ['🚀', 'start', 'started'],
  ['✅', 'done', 'done'],
  ['🚨', 'alert', 'alert'],
  ['🔄', 'handoff', 'handoff'],
  ['✋', 'claim', 'claimed'],
  ['📢', 'announce', 'announcement'],
  ['⚠️', 'warn', 'warning'],
];

export interface Kind {
  kind: string;
  label: string;
}

export function kindOf(title: string): Kind | undefined {
  const found = KINDS.find(([mark]) => title.startsWith(mark));
  return found ? { kind: found[1], label: found[2] } : undefined;
}
