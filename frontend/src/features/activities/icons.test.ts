import { IconHeartHandshake, IconMapPin, IconPhone, IconQuestionMark } from '@tabler/icons-react';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTIVITY_ICONS } from '../../api';
import { ACTIVITY_ICON_COMPONENTS, activityIcon } from './icons';

describe('activity icons', () => {
  it('has a component for every icon the server offers, each a different one', () => {
    for (const name of ACTIVITY_ICONS) {
      expect(ACTIVITY_ICON_COMPONENTS[name], name).toBeDefined();
    }
    expect(Object.keys(ACTIVITY_ICON_COMPONENTS).sort()).toEqual([...ACTIVITY_ICONS].sort());
    expect(new Set(Object.values(ACTIVITY_ICON_COMPONENTS)).size).toBe(ACTIVITY_ICONS.length);
  });

  it('maps kebab-case names to the Tabler components', () => {
    expect(activityIcon('phone')).toBe(IconPhone);
    expect(activityIcon('map-pin')).toBe(IconMapPin);
    expect(activityIcon('handshake')).toBe(IconHeartHandshake);
  });

  it('shows a question mark for a name it does not know', () => {
    expect(activityIcon('rocket')).toBe(IconQuestionMark);
    expect(activityIcon('')).toBe(IconQuestionMark);
  });

  it('knows the same icons as the Go side (shared/api/activities.go), in its order', () => {
    // Tests run in frontend/.
    const source = readFileSync(join(process.cwd(), '..', 'shared', 'api', 'activities.go'), 'utf8');
    const values = new Map([...source.matchAll(/(Icon\w+)\s+ActivityIcon = "([^"]+)"/g)].map((m) => [m[1], m[2]]));
    const list = /AllActivityIcons = \[\]ActivityIcon\{([^}]*)\}/.exec(source)?.[1] ?? '';
    const names = [...list.matchAll(/Icon\w+/g)].map((match) => values.get(match[0]));
    expect(names).toEqual([...ACTIVITY_ICONS]);
  });
});
