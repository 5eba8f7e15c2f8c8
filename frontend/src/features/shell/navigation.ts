import { IMPORT_RECORD_TYPES, type Me } from '../../api';
import { grants } from '../access/grants';

export interface NavItem {
  /** i18n key below shell.nav (activityNav for the dashboard and the activities' entries) */
  label:
    | 'dashboard'
    | 'activities'
    | 'persons'
    | 'organizations'
    | 'deals'
    | 'leads'
    | 'trash'
    | 'imports'
    | 'users'
    | 'units'
    | 'roles'
    | 'customFields'
    | 'pipelines'
    | 'lostReasons'
    | 'leadMapping'
    | 'leadSources'
    | 'exports'
    | 'activityTypes'
    | 'company';
  to: string;
}

export interface NavSection {
  label: 'settings' | null;
  items: NavItem[];
}

/**
 * The areas the signed-in user can open: the record lists their role lets them see, the trash when they may delete
 * something, settings only for admins.
 */
export function navigationFor(me: Me): NavSection[] {
  // The start page is the dashboard.
  const items: NavItem[] = [{ label: 'dashboard', to: '/' }];
  if (grants(me.role, 'activity', 'view')) items.push({ label: 'activities', to: '/activities' });
  if (grants(me.role, 'person', 'view')) items.push({ label: 'persons', to: '/persons' });
  if (grants(me.role, 'organization', 'view')) items.push({ label: 'organizations', to: '/organizations' });
  if (grants(me.role, 'deal', 'view')) items.push({ label: 'deals', to: '/deals' });
  if (grants(me.role, 'lead', 'view')) items.push({ label: 'leads', to: '/leads' });
  if ((['person', 'organization', 'deal', 'lead'] as const).some((type) => grants(me.role, type, 'delete'))) {
    items.push({ label: 'trash', to: '/trash' });
  }
  // Imports: admins find everyone's among the settings; a user who may import finds their own here.
  const mayImport = IMPORT_RECORD_TYPES.some((type) => grants(me.role, type, 'create'));
  if (mayImport && !me.role.isAdmin) items.push({ label: 'imports', to: '/imports' });
  const sections: NavSection[] = [{ label: null, items }];
  if (me.role.isAdmin) {
    sections.push({
      label: 'settings',
      items: [
        { label: 'users', to: '/settings/users' },
        { label: 'units', to: '/settings/units' },
        { label: 'roles', to: '/settings/roles' },
        { label: 'customFields', to: '/settings/custom-fields' },
        { label: 'pipelines', to: '/settings/pipelines' },
        { label: 'lostReasons', to: '/settings/lost-reasons' },
        { label: 'leadMapping', to: '/settings/lead-mapping' },
        { label: 'leadSources', to: '/settings/lead-sources' },
        { label: 'imports', to: '/imports' },
        { label: 'activityTypes', to: '/settings/activity-types' },
        { label: 'exports', to: '/settings/exports' },
        { label: 'company', to: '/settings/company' },
      ],
    });
  }
  return sections;
}
