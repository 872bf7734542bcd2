// The workshop tablets' session guard: resumes the stored session, sends people without one to
// the join page and people of another role to their own home. Returns what the views need.
import { useEffect, useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { live, type Role, type Session, type State } from '../../../core/live';
import type { Workshop } from '../../../core/protocol';
import { homeFor } from '../../../app';
import { findWorkshop } from './selectors';

export interface WorkshopContext {
  session: Session;
  state: State | null;
  workshop: Workshop | null;
}

/** null while the session is being resumed (or when leaving for another page). */
export function useWorkshopSession(role: Role): WorkshopContext | null {
  const { route } = useLocation();
  const [checked, setChecked] = useState(live.session.peek() !== null);
  const session = live.session.value;

  useEffect(() => {
    if (live.session.peek()) {
      setChecked(true);
      return;
    }
    let cancelled = false;
    live
      .resume()
      .then((ok) => {
        if (cancelled) return;
        if (!ok) route('/', true);
        setChecked(true);
      })
      .catch(() => {
        if (!cancelled) route('/', true);
      });
    return () => {
      cancelled = true;
    };
  }, []);

  useEffect(() => {
    if (!checked) return;
    if (!session) route('/', true);
    else if (session.role !== role) route(homeFor(session.role), true);
  }, [checked, session, role]);

  if (!session || session.role !== role) return null;
  const state = live.state.value;
  return { session, state, workshop: findWorkshop(state, session.workshop) };
}

export async function logout(route: (url: string, replace?: boolean) => void): Promise<void> {
  try {
    await live.logout();
  } finally {
    route('/', true);
  }
}
