import { Navigate, Outlet } from 'react-router';
import { useMe } from '../auth/session';

/** Settings are for admins; anyone else who lands here (an old link, a changed role) goes to the start page. */
export function AdminOnly() {
  const me = useMe();
  return me.role.isAdmin ? <Outlet /> : <Navigate to="/" replace />;
}
