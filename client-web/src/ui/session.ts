// The session guard of the views that need one role (citizen, projector, office): resume the
// stored session when the page was opened directly; no session (or another role's) sends the
// person to the join page.
import { useEffect } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { live, type Role } from '../core/live';

/** True once a session of `role` is present; routes away otherwise. */
export function useRequireSession(role: Role): boolean {
  const { route } = useLocation();
  const session = live.session.value;
  useEffect(() => {
    if (session) {
      if (session.role !== role) route('/', true);
      return;
    }
    let cancelled = false;
    const leave = () => {
      if (!cancelled && !live.session.value) route('/', true);
    };
    try {
      live.resume().then((ok) => (ok ? undefined : leave()), leave);
    } catch {
      leave();
    }
    return () => {
      cancelled = true;
    };
  }, [session?.token, role]);
  return session !== null && session.role === role;
}
