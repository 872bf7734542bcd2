// Routes. Each area is its own chunk (loaded on first visit), so a citizen's phone downloads only
// the citizen view. After joining, a session goes to its role's home (homeFor).
import { LocationProvider, Router, Route, lazy, ErrorBoundary } from 'preact-iso';
import type { Role } from './core/live';
import { Home } from './views/home';

const Organizer = lazy(() => import('./views/organizer'));
const Facilitator = lazy(() => import('./views/facilitator'));
const Relator = lazy(() => import('./views/relator'));
const Servant = lazy(() => import('./views/facilitator/servant'));
const Citizen = lazy(() => import('./views/citizen'));
const Projector = lazy(() => import('./views/projector'));
const Portal = lazy(() => import('./views/portal'));
const Office = lazy(() => import('./views/office'));
const Memoria = lazy(() => import('./views/memoria'));

/** Where each role lands after joining. */
export function homeFor(role: Role): string {
  switch (role) {
    case 'organizer':
      return '/organizador';
    case 'facilitator':
      return '/facilitador';
    case 'relator':
      return '/relator';
    case 'servant':
      return '/servidor';
    case 'citizen':
      return '/ciudadano';
    case 'projector':
      return '/proyector';
    case 'office':
      return '/oficina';
    default:
      return '/';
  }
}

export function App() {
  return (
    <LocationProvider>
      <ErrorBoundary>
        <Router>
          <Route path="/" component={Home} />
          <Route path="/unirse" component={Home} />
          <Route path="/organizador" component={Organizer} />
          <Route path="/organizador/*" component={Organizer} />
          <Route path="/facilitador" component={Facilitator} />
          <Route path="/relator" component={Relator} />
          <Route path="/servidor" component={Servant} />
          <Route path="/ciudadano" component={Citizen} />
          <Route path="/proyector" component={Projector} />
          <Route path="/publico" component={Portal} />
          <Route path="/publico/datos" component={Portal} page="datos" />
          <Route path="/publico/:id" component={Portal} />
          <Route path="/publico/:id/compromisos/:cid" component={Portal} />
          <Route path="/publico/:id/memoria" component={Memoria} />
          <Route path="/oficina" component={Office} />
          <Route default component={Home} />
        </Router>
      </ErrorBoundary>
    </LocationProvider>
  );
}
