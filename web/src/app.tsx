import { useEffect, useState } from 'preact/hooks';
import { LocationProvider, Route, Router } from 'preact-iso';
import { ErrorNote } from './ui/error-note.js';
import { Header } from './ui/header.js';
import { signIn } from './state/session.js';
import { startLive } from './state/live.js';
import { followCounts } from './state/counts.js';
import { href } from './state/place.js';
import { ChannelsView } from './views/channels/channels-view.js';
import { MessageRedirect } from './views/channels/message-redirect.js';
import { BoardView } from './views/board/board-view.js';
import { AlertsView } from './views/alerts/alerts-view.js';
import { DocumentsView } from './views/documents/documents-view.js';
import { SessionsView } from './views/sessions/sessions-view.js';
import { SearchView } from './views/search/search-view.js';
import { RunsView } from './views/runs/runs-view.js';
import { NotFound } from './ui/not-found.js';

/** Signs the person in (their own human session), opens the live stream, then shows the views. */
export function App() {
  const [ready, setReady] = useState(false);
  const [failure, setFailure] = useState<unknown>();
  useEffect(() => {
    signIn()
      .then(() => {
        followCounts();
        startLive();
        setReady(true);
      })
      .catch(setFailure);
  }, []);
  return (
    <LocationProvider>
      <a class="skip" href="#main">Skip to content</a>
      <Header />
      <main id="main" tabIndex={-1}>
        {failure ? <ErrorNote error={failure} /> : !ready ? <p class="muted">Connecting…</p> : <Views />}
      </main>
    </LocationProvider>
  );
}

/** Every page path of a workspace, the ones every web_url points at included (`/m/…`, `/d/…?v=`). */
function Views() {
  return (
    <Router>
      <Route path={href('/')} component={ChannelsView} />
      <Route path={href('/c/:channel')} component={ChannelsView} />
      <Route path={href('/m/:id')} component={MessageRedirect} />
      <Route path={href('/handoffs')} component={BoardView} />
      <Route path={href('/alerts')} component={AlertsView} />
      <Route path={href('/docs')} component={DocumentsView} />
      <Route path={href('/d/:id')} component={DocumentsView} />
      <Route path={href('/sessions')} component={SessionsView} />
      <Route path={href('/sessions/:id')} component={SessionsView} />
      <Route path={href('/runs')} component={RunsView} />
      <Route path={href('/runs/:id')} component={RunsView} />
      <Route path={href('/search')} component={SearchView} />
      <Route default component={NotFound} />
    </Router>
  );
}
