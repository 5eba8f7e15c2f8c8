/**
 * The users the caller may plan activities for, and whose activities they may list: what their role's activity
 * grants reach (own: themselves; unit: the users of their unit and the units below it; all: everyone). The server
 * checks again; this only keeps the pickers to what it would accept.
 */
import { isScope, type Action, type Me, type Scope, type Unit, type User } from '../../api';
import { subtreeIds } from '../settings/units/tree';

/** The widest scope the role grants for the action on activities ("none" without a grant). */
export function activityScope(role: Me['role'], action: Action): Scope {
  const order: readonly Scope[] = ['none', 'own', 'unit', 'all'];
  return role.grants
    .filter((grant) => grant.recordType === 'activity' && grant.action === action && isScope(grant.scope))
    .map((grant) => grant.scope)
    .reduce<Scope>((widest, scope) => (order.indexOf(scope) > order.indexOf(widest) ? scope : widest), 'none');
}

/**
 * The active users within reach of the action, by name; the caller first is not implied (the list is sorted), but
 * the caller is always included when any grant exists, and a current value (a deactivated assignee) is kept.
 */
export function usersInReach(
  me: Me,
  users: readonly User[],
  units: readonly Unit[],
  action: Action,
  locale: string,
  keep = '',
): User[] {
  const scope = activityScope(me.role, action);
  const collator = new Intl.Collator(locale);
  let reach: (user: User) => boolean;
  switch (scope) {
    case 'all':
      reach = () => true;
      break;
    case 'unit': {
      const tree = subtreeIds(units, me.unit.id);
      reach = (user) => tree.has(user.unitId);
      break;
    }
    case 'own':
      reach = (user) => user.id === me.user.id;
      break;
    default:
      reach = () => false;
  }
  const found = users.filter((user) => user.id === keep || (user.active && reach(user)));
  if (scope !== 'none' && !found.some((user) => user.id === me.user.id)) {
    found.push(me.user);
  }
  return found.sort((a, b) => collator.compare(a.name, b.name));
}

/** Whether the role reaches beyond the caller's own activities (then "my team" and other users can be chosen). */
export function seesOthers(role: Me['role']): boolean {
  const scope = activityScope(role, 'view');
  return scope === 'unit' || scope === 'all';
}
