/** Activities and types for the unit tests of this folder. */
import type { Activity, ActivityType } from '../../api';

const stamp = '2026-11-01T08:00:00Z';

export function activity(overrides: Partial<Activity> = {}): Activity {
  return {
    id: 'a-1',
    title: 'Angebot nachfassen',
    comment: '',
    typeId: 'type-call',
    typeName: 'Anruf',
    typeColor: '#228be6',
    typeIcon: 'phone',
    dueAt: '2026-11-27T09:00:00Z',
    durationMinutes: 15,
    done: false,
    overdue: false,
    assigneeId: 'user-jonas',
    assigneeName: 'Jonas Schmidt',
    personId: '',
    personName: '',
    organizationId: '',
    organizationName: '',
    dealId: '',
    dealTitle: '',
    leadId: '',
    leadTitle: '',
    personHidden: false,
    organizationHidden: false,
    dealHidden: false,
    leadHidden: false,
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}

export function activityType(overrides: Partial<ActivityType> = {}): ActivityType {
  return {
    id: 'type-call',
    name: 'Anruf',
    color: '#228be6',
    icon: 'phone',
    position: 1,
    archived: false,
    version: 1,
    createdAt: stamp,
    updatedAt: stamp,
    ...overrides,
  };
}
