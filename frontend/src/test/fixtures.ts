import { ACTIONS, RECORD_TYPES, type DashboardScope, type Me, type Role } from '../api';

const timestamps = { createdAt: '2026-01-05T09:00:00Z', updatedAt: '2026-01-05T09:00:00Z' };

export const adminRole: Role = {
  id: 'role-admin',
  name: 'Administrator',
  isAdmin: true,
  // Like the seeded Administrator role: everything on every record type.
  grants: RECORD_TYPES.flatMap((recordType) =>
    ACTIONS.map((action) => ({ recordType, action, scope: 'all' as const })),
  ),
  version: 1,
  ...timestamps,
};

export const fieldRole: Role = {
  id: 'role-field',
  name: 'Außendienst',
  isAdmin: false,
  grants: [
    { recordType: 'person', action: 'view', scope: 'all' },
    { recordType: 'deal', action: 'view', scope: 'unit' },
    { recordType: 'deal', action: 'edit', scope: 'own' },
  ],
  version: 3,
  ...timestamps,
};

/** The default scope follows the role as the server decides it (the team when the role sees the team's deals). */
function meWith(role: Role, name: string, email: string, defaultScope: DashboardScope = 'me'): Me {
  return {
    user: {
      id: `user-${email}`,
      email,
      name,
      unitId: 'unit-root',
      roleId: role.id,
      active: true,
      version: 1,
      ...timestamps,
    },
    tenant: {
      id: 'tenant-1',
      name: 'Nordlicht Bürotechnik GmbH',
      plan: 'professional',
      storageBytesPerUser: 53_687_091_200,
      maxPipelines: 0,
    },
    role,
    unit: { id: 'unit-root', name: 'Vertriebsleitung', version: 1, ...timestamps },
    defaultScope,
  };
}

export const noAccessRole: Role = { ...fieldRole, id: 'role-none', name: 'Gast', grants: [] };

export const adminMe = meWith(adminRole, 'Claudia Becker', 'claudia.becker@nordlicht.example', 'team');
export const fieldMe = meWith(fieldRole, 'Jonas Schmidt', 'jonas.schmidt@nordlicht.example', 'team');
export const guestMe = meWith(noAccessRole, 'Gerd Gast', 'gerd.gast@nordlicht.example');
