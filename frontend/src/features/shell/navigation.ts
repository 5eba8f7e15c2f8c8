import type { Me } from '../../api';

export interface NavItem {
  /** i18n key below shell.nav */
  label: 'start' | 'users' | 'units' | 'roles';
  to: string;
}

export interface NavSection {
  label: 'settings' | null;
  items: NavItem[];
}

/** The areas the signed-in user can open; only what works today, settings only for admins. */
export function navigationFor(me: Me): NavSection[] {
  const sections: NavSection[] = [{ label: null, items: [{ label: 'start', to: '/' }] }];
  if (me.role.isAdmin) {
    sections.push({
      label: 'settings',
      items: [
        { label: 'users', to: '/settings/users' },
        { label: 'units', to: '/settings/units' },
        { label: 'roles', to: '/settings/roles' },
      ],
    });
  }
  return sections;
}
