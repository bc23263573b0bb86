import { useLocation } from 'preact-iso';
import { escalatedAlerts, openAlerts, openHandoffs, shown } from '../state/counts.js';
import { connected } from '../state/live.js';
import { href } from '../state/place.js';
import { me } from '../state/session.js';
import { SearchBox } from './search-box.js';
import { ThemeSwitch } from './theme-switch.js';
import { WorkspaceSwitch } from './workspace-switch.js';

const TABS: [path: string, label: string][] = [
  ['/', 'Channels'],
  ['/handoffs', 'Handoffs'],
  ['/alerts', 'Alerts'],
  ['/docs', 'Documents'],
  ['/sessions', 'Sessions'],
  ['/runs', 'Runs'],
];

/** The paths a tab is current on: a channel, a message link, a document. */
const ALSO: Record<string, string[]> = { '/': ['/', '/c/', '/m/'], '/docs': ['/docs', '/d/'] };

/** Always in sight: where you are, the counts that need a person, search, and who you are. */
export function Header() {
  const { path } = useLocation();
  const current = (tab: string): boolean => (ALSO[tab] ?? [tab]).some((prefix) => (prefix === '/' ? path === href('/') : path.startsWith(href(prefix))));
  return (
    <header class="top">
      <a class="brand" href={href('/')}>
        Baton
      </a>
      <WorkspaceSwitch />
      <nav aria-label="Views">
        {TABS.map(([tab, label]) => (
          <a href={href(tab)} aria-current={current(tab) ? 'page' : undefined}>
            {label}
            {tab === '/handoffs' && <span class="count" data-testid="open-handoffs" title="open handoffs">{shown(openHandoffs.value)}</span>}
            {tab === '/alerts' && (
              <span class={`count${escalatedAlerts.value ? ' hot' : ''}`} data-testid="open-alerts" title="alerts nobody acknowledged">
                {shown(openAlerts.value)}
              </span>
            )}
          </a>
        ))}
      </nav>
      <SearchBox />
      <span class={`live ${connected.value ? 'on' : 'off'}`} title={connected.value ? 'live' : 'reconnecting'} aria-label={connected.value ? 'live' : 'reconnecting'} />
      <span class="me" title={me.value?.id}>
        {me.value?.name}
      </span>
      <ThemeSwitch />
      <form method="post" action="/logout" class="logout">
        <button type="submit">Log out</button>
      </form>
    </header>
  );
}
