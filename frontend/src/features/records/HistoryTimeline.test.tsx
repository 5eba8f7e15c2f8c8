import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordsApi, type FieldChange, type HistoryEntry } from '../../api';
import { changeLanguage } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { HistoryTimeline } from './HistoryTimeline';

const entry = (id: string, action: HistoryEntry['action'], changes: FieldChange[]): HistoryEntry => ({
  id,
  action,
  changes,
  actorId: 'user-claudia',
  actorName: 'Claudia Becker',
  at: '2026-11-27T13:05:00Z',
});

const link = (field: 'person' | 'organization', change: Partial<FieldChange>): FieldChange => ({
  field,
  label: '',
  old: '',
  new: '',
  recordType: field,
  ...change,
});

/** The change lines of the index-th history entry (newest first), as the user reads them (spaces collapsed). */
async function linesOf(index: number): Promise<string[]> {
  const entry = (await screen.findAllByTestId('history-entry'))[index];
  if (!entry) throw new Error(`no history entry ${index}`);
  return within(entry)
    .getAllByTestId('history-change')
    .map((line) => line.textContent.replace(/\s+/g, ' ').trim());
}

beforeEach(() => {
  vi.spyOn(recordsApi, 'listCustomFields').mockResolvedValue([]);
});

afterEach(async () => {
  await changeLanguage('de');
});

describe('HistoryTimeline of imports', () => {
  it('names the file a user imported, and the user in the byline', async () => {
    vi.spyOn(recordsApi, 'history').mockResolvedValue([{ ...entry('0', 'imported', []), source: 'Kunden.xlsx' }]);
    renderWithProviders(<HistoryTimeline recordType="person" recordId="p-1" />);

    const imported = await screen.findByTestId('history-entry');
    expect(within(imported).getByTestId('history-action')).toHaveTextContent('importiert aus Kunden.xlsx');
    expect(imported).toHaveTextContent('Claudia Becker');
  });
});

describe('HistoryTimeline with linked records', () => {
  it('names visible links and shows the placeholder, with its explanation, for hidden ones', async () => {
    vi.spyOn(recordsApi, 'history').mockResolvedValue([
      entry('0', 'updated', [
        link('person', { oldHidden: true, new: 'Erika Mustermann' }),
        link('organization', { old: 'Müller Bürobedarf GmbH', newHidden: true }),
      ]),
    ]);
    const user = userEvent.setup();
    renderWithProviders(<HistoryTimeline recordType="deal" recordId="d-1" />);

    const lines = await screen.findAllByTestId('history-change');
    expect(lines.map((line) => line.dataset.field)).toEqual(['person', 'organization']);
    const [person, organization] = lines as [HTMLElement, HTMLElement];
    expect(within(person).getByTestId('hidden-record')).toHaveTextContent('nicht sichtbar');
    expect(person).toHaveTextContent(/^Person: nicht sichtbar.* → Erika Mustermann$/);
    expect(organization).toHaveTextContent(/^Organisation: Müller Bürobedarf GmbH → nicht sichtbar/);
    // The hidden records are named nowhere, and nothing links to them.
    expect(screen.queryAllByRole('link')).toHaveLength(0);

    await user.hover(within(person).getByTestId('hidden-record'));
    // hidden: happy-dom lays nothing out, so Floating UI deems the tooltip's anchor hidden.
    expect(await screen.findByRole('tooltip', { hidden: true })).toHaveTextContent(
      'Sie haben keine Berechtigung, diesen Datensatz zu sehen.',
    );
  });

  it('shows a membership with its role as two lines, the organisation hidden', async () => {
    vi.spyOn(recordsApi, 'history').mockResolvedValue([
      entry('0', 'linked', [
        link('organization', { newHidden: true }),
        { field: 'role', label: '', old: '', new: 'Einkauf' },
      ]),
      entry('1', 'unlinked', [link('organization', { old: 'Müller Bürobedarf GmbH' })]),
    ]);
    renderWithProviders(<HistoryTimeline recordType="person" recordId="p-1" />);

    expect(await linesOf(0)).toEqual([
      'Organisation: nicht sichtbar (Sie haben keine Berechtigung, diesen Datensatz zu sehen.)',
      'Rolle: Einkauf',
    ]);
    expect(await linesOf(1)).toEqual(['Organisation: Müller Bürobedarf GmbH → (leer)']);
  });

  it('speaks English', async () => {
    await changeLanguage('en');
    vi.spyOn(recordsApi, 'history').mockResolvedValue([
      entry('0', 'linked', [link('person', { newHidden: true }), { field: 'role', label: '', old: '', new: 'Buyer' }]),
    ]);
    renderWithProviders(<HistoryTimeline recordType="organization" recordId="o-1" />);

    expect(await linesOf(0)).toEqual(['Person: not visible (You are not allowed to see this record.)', 'Role: Buyer']);
  });
});

describe('HistoryTimeline of a deal', () => {
  const change = (field: string, old: string, value: string): FieldChange => ({ field, label: '', old, new: value });

  it('reads in German with the amounts, days and statuses as the deal page shows them, and activities as sentences', async () => {
    const due = new Date(2027, 0, 31, 10, 0).toISOString();
    vi.spyOn(recordsApi, 'history').mockResolvedValue([
      entry('4', 'activity_planned', [
        { field: 'activity', label: '', old: '', new: '', newHidden: true },
        change('activityType', '', 'Anruf'),
        change('activityDue', '', due),
      ]),
      entry('3', 'updated', [
        change('status', 'open', 'lost'),
        change('lostReason', '', 'Preis zu hoch'),
        change('lostComment', '', 'Budget gestrichen'),
      ]),
      entry('2', 'updated', [change('value', '12345.67', '15000.00')]),
      entry('1', 'created', [
        change('value', '', '12345.67'),
        change('currency', '', 'EUR'),
        change('expectedCloseDate', '', '2027-01-31'),
      ]),
    ]);
    renderWithProviders(<HistoryTimeline recordType="deal" recordId="d-1" />);

    const activity = (await screen.findAllByTestId('history-action'))[0];
    if (!activity) throw new Error('no history entry');
    expect(activity.textContent.replace(/\s+/g, ' ')).toBe(
      'Aktivität geplant: Anruf „nicht sichtbar (Sie haben keine Berechtigung, diesen Datensatz zu sehen.)“ für 31.01.2027, 10:00',
    );
    expect(within(activity).getByTestId('hidden-record')).toBeInTheDocument();
    expect(await linesOf(1)).toEqual([
      'Status: Offen → Verloren',
      'Verlustgrund: Preis zu hoch',
      'Kommentar zum Verlust: Budget gestrichen',
    ]);
    expect(await linesOf(2)).toEqual(['Wert: 12.345,67 € → 15.000,00 €']);
    expect(await linesOf(3)).toEqual(['Wert: 12.345,67 €', 'Währung: EUR', 'Erwarteter Abschluss: 31.01.2027']);
  });
});
