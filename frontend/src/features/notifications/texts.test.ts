import { afterEach, describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS, type Notification } from '../../api';
import { changeLanguage, i18n } from '../../i18n';
import { formatters } from '../../i18n/format';
import { notification } from './testData';
import { notificationPath, notificationText, notificationTitle } from './texts';

const now = new Date('2026-12-08T09:00:00Z');

afterEach(async () => {
  await changeLanguage('de');
});

describe('notification texts', () => {
  const de = i18n.getFixedT('de');
  const f = formatters('de');
  const text = (over: Partial<Notification>) => notificationText(de, f, notification(over), now);

  it('say in German what happened, by whom, to which record', () => {
    expect(text({})).toBe('Jonas Weber hat Ihnen den Lead „Wärmepumpe Hamburg“ zugewiesen');
    expect(text({ kind: 'lead_delivered', actorName: '1leads' })).toBe('Neuer Lead von 1leads: Wärmepumpe Hamburg');
    expect(text({ kind: 'deal_assigned', recordType: 'deal', recordName: 'Kopierer Nord' })).toBe(
      'Jonas Weber hat Ihnen den Deal „Kopierer Nord“ zugewiesen',
    );
    expect(text({ kind: 'deal_won', recordType: 'deal', recordName: 'Kopierer Nord' })).toBe(
      'Jonas Weber hat den Deal „Kopierer Nord“ gewonnen',
    );
    expect(text({ kind: 'deal_lost', recordType: 'deal', recordName: 'Kopierer Nord' })).toBe(
      'Jonas Weber hat den Deal „Kopierer Nord“ verloren',
    );
    expect(text({ kind: 'activity_assigned', recordType: 'activity', recordName: 'Rückruf' })).toBe(
      'Jonas Weber hat Ihnen die Aktivität „Rückruf“ zugewiesen',
    );
    expect(
      text({ kind: 'document_stored', recordType: 'deal', recordName: 'Kopierer Nord', fileName: 'Angebot.pdf' }),
    ).toBe('Upload fertig: Angebot.pdf bei „Kopierer Nord“');
  });

  it('count the minutes until an activity is due, and say when it is due now or was due', () => {
    const due = (dueAt: string) =>
      text({ kind: 'activity_due', recordType: 'activity', recordName: 'Rückruf', actorName: '', dueAt });
    expect(due('2026-12-08T09:15:00Z')).toBe('Aktivität „Rückruf“ ist in 15 Minuten fällig');
    expect(due('2026-12-08T09:00:40Z')).toBe('Aktivität „Rückruf“ ist in 1 Minute fällig');
    expect(due('2026-12-08T08:59:50Z')).toBe('Aktivität „Rückruf“ ist jetzt fällig');
    expect(due('2026-12-08T08:30:00Z')).toBe(`Aktivität „Rückruf“ war um ${f.time('2026-12-08T08:30:00Z')} fällig`);
  });

  it('have a title and a text for every kind in German and English', async () => {
    for (const language of ['de', 'en'] as const) {
      await changeLanguage(language);
      for (const kind of NOTIFICATION_KINDS) {
        const n = notification({ kind, dueAt: '2026-12-08T09:10:00Z', fileName: 'a.pdf' });
        expect(notificationTitle(i18n.t, n)).not.toMatch(/^notifications\./);
        const said = notificationText(i18n.t, formatters(language), n, now);
        expect(said).not.toMatch(/notifications\.|{{/);
        expect(said).toContain(n.recordName);
      }
    }
    expect(notificationText(i18n.t, formatters('en'), notification(), now)).toBe(
      'Jonas Weber assigned the lead “Wärmepumpe Hamburg” to you',
    );
  });

  it('open the record, or the caller’s open activities', () => {
    expect(notificationPath(notification())).toBe('/leads/l1');
    expect(notificationPath(notification({ recordType: 'deal', recordId: 'd1' }))).toBe('/deals/d1');
    expect(notificationPath(notification({ recordType: 'person', recordId: 'p1' }))).toBe('/persons/p1');
    expect(notificationPath(notification({ recordType: 'activity', recordId: 'a1' }))).toMatch(
      /^\/activities\?filter=/,
    );
  });
});
