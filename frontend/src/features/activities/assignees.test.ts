import { describe, expect, it } from 'vitest';
import type { Me, Role, Unit, User } from '../../api';
import { adminMe } from '../../test/fixtures';
import { activityScope, seesOthers, usersInReach } from './assignees';

const stamp = { createdAt: '2026-01-05T09:00:00Z', updatedAt: '2026-01-05T09:00:00Z', version: 1 };
const unit = (id: string, name: string, parentId?: string): Unit => ({ id, name, parentId, ...stamp });
const units = [
  unit('lead', 'Vertriebsleitung'),
  unit('north', 'Außendienst Nord', 'lead'),
  unit('north-2', 'Nord Team 2', 'north'),
  unit('south', 'Außendienst Süd', 'lead'),
];
const user = (id: string, name: string, unitId: string, active = true): User => ({
  id,
  name,
  email: `${id}@nordlicht.example`,
  unitId,
  roleId: 'r',
  active,
  ...stamp,
});
const users = [
  user('markus', 'Markus Weber', 'lead'),
  user('jonas', 'Jonas Schmidt', 'north'),
  user('erika', 'Erika Test', 'north-2'),
  user('lena', 'Lena Fischer', 'south'),
  user('old', 'Otto Alt', 'north', false),
];

function meIn(unitId: string, userId: string, scope: 'own' | 'unit' | 'all' | 'none'): Me {
  const role: Role = {
    ...adminMe.role,
    isAdmin: false,
    grants:
      scope === 'none'
        ? []
        : [
            { recordType: 'activity', action: 'view', scope },
            { recordType: 'activity', action: 'create', scope },
            { recordType: 'deal', action: 'create', scope: 'all' },
          ],
  };
  const self = users.find((candidate) => candidate.id === userId) ?? users[0];
  const own = units.find((candidate) => candidate.id === unitId);
  if (!self || !own) throw new Error('no such user or unit');
  return { ...adminMe, role, user: self, unit: own };
}

const names = (list: User[]) => list.map((entry) => entry.name);

describe('assignable users', () => {
  it('gives a field rep only themselves', () => {
    const me = meIn('north', 'jonas', 'own');
    expect(names(usersInReach(me, users, units, 'create', 'de-DE'))).toEqual(['Jonas Schmidt']);
    expect(seesOthers(me.role)).toBe(false);
  });

  it('gives a manager the users of their unit tree, by name, without deactivated ones', () => {
    const me = meIn('north', 'jonas', 'unit');
    expect(names(usersInReach(me, users, units, 'create', 'de-DE'))).toEqual(['Erika Test', 'Jonas Schmidt']);
    const head = meIn('lead', 'markus', 'unit');
    expect(names(usersInReach(head, users, units, 'create', 'de-DE'))).toEqual([
      'Erika Test',
      'Jonas Schmidt',
      'Lena Fischer',
      'Markus Weber',
    ]);
    expect(seesOthers(head.role)).toBe(true);
  });

  it('keeps the current assignee of an activity even when deactivated', () => {
    const me = meIn('lead', 'markus', 'all');
    expect(names(usersInReach(me, users, units, 'create', 'de-DE', 'old'))).toContain('Otto Alt');
    expect(names(usersInReach(me, users, units, 'create', 'de-DE'))).not.toContain('Otto Alt');
  });

  it('takes the widest grant of the action, and none without one', () => {
    const me = meIn('lead', 'markus', 'none');
    expect(activityScope(me.role, 'create')).toBe('none');
    expect(usersInReach(me, users, units, 'create', 'de-DE')).toEqual([]);
    const mixed = {
      ...me.role,
      grants: [
        { recordType: 'activity', action: 'view', scope: 'own' },
        { recordType: 'activity', action: 'view', scope: 'all' },
      ],
    } satisfies Role;
    expect(activityScope(mixed, 'view')).toBe('all');
  });
});
