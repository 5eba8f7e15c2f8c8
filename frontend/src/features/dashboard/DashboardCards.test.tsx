import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { activitiesApi, type Dashboard, type Figure, type FunnelStage, type NextSteps } from '../../api';
import { adminMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { EMPTY_ACTIVITY_FILTER, parseActivityFilter } from '../activities/activityQuery';
import { activity } from '../activities/testData';
import { MeContext } from '../auth/session';
import { emptyListQuery, parseFilter, toListQuery } from '../records/list/filterState';
import { deal } from '../sales/testData';
import { NextStepsCard } from './NextStepsCard';
import { RepPipelineCard } from './RepPipelineCard';

/** The item at index (a test fails when it is missing). */
function at<T>(items: readonly T[], index: number): T {
  const item = items[index];
  if (item === undefined) throw new Error(`no item ${String(index)}`);
  return item;
}

const params = (path: string | null) => new URLSearchParams((path ?? '').split('?')[1]);
// The wire type names the record type as the generated enum; a figure's query has none ("").
const openActivities = {
  ...EMPTY_ACTIVITY_FILTER,
  assignee: 'me',
  status: 'open',
  cursor: '',
  limit: 0,
} as unknown as NextSteps['open']['query'];
const withoutActivity = { ...emptyListQuery(), owner: 'me', status: 'open', noOpenActivity: true };

function steps(parts: Partial<NextSteps> = {}): NextSteps {
  return {
    activities: [
      activity({ id: 'a-1', title: 'Rückruf verpasst', overdue: true, dueAt: '2026-11-26T09:00:00Z' }),
      activity({ id: 'a-2', title: 'Angebot nachfassen', dueAt: '2026-11-27T09:00:00Z' }),
    ],
    open: { count: 12, query: openActivities },
    dealsWithoutActivity: { count: 8, value: '48100.00', query: withoutActivity },
    deals: [
      deal({
        id: 'd-1',
        title: 'Kopierer Hafenkontor',
        value: '12500.00',
        expectedCloseDate: '2027-02-01',
        organizationId: 'o-1',
        organizationName: 'Hafenkontor GmbH',
      }),
      deal({ id: 'd-2', title: 'Drucker Süd', value: '900.00', organizationHidden: true }),
    ],
    ...parts,
  };
}

function renderSteps(shown: NextSteps, flags = { activities: true, deals: true }) {
  return renderWithProviders(
    <MeContext value={adminMe}>
      <NextStepsCard steps={shown} activities={flags.activities} deals={flags.deals} />
    </MeContext>,
  );
}

beforeEach(() => {
  vi.spyOn(activitiesApi, 'listTypes').mockResolvedValue({ items: [], icons: [] });
});

describe('NextStepsCard', () => {
  it('lists the next activities in the order given (overdue first), and opens the list of all of them', () => {
    renderSteps(steps());

    const list = screen.getByTestId('next-activities');
    const rows = within(list).getAllByTestId('activity-row');
    expect(rows.map((row) => row.dataset.title)).toEqual(['Rückruf verpasst', 'Angebot nachfassen']);
    expect(within(at(rows, 0)).getByTestId('overdue-badge')).toHaveTextContent('Überfällig');
    expect(within(list).getByTestId('next-activities-count')).toHaveTextContent('12 offen');
    const all = within(list).getByRole('link', { name: 'Alle anzeigen (12)' });
    // "Alle anzeigen" opens the activity list with exactly the figure's query.
    expect({ ...parseActivityFilter(params(all.getAttribute('href')).get('filter')), cursor: '', limit: 0 }).toEqual(
      openActivities,
    );
  });

  it('marks an activity done from the dashboard', async () => {
    const update = vi
      .spyOn(activitiesApi, 'update')
      .mockImplementation((id, _version, patch) => Promise.resolve(activity({ id, done: patch.done ?? false })));
    renderSteps(steps());

    fireEvent.click(screen.getByRole('checkbox', { name: 'Als erledigt markieren: Angebot nachfassen' }));
    await waitFor(() => {
      expect(update).toHaveBeenCalledWith('a-2', 1, { done: true });
    });
  });

  it('counts the deals without a next activity and opens the deal list filtered to exactly them', () => {
    renderSteps(steps());

    const deals = screen.getByTestId('deals-without-activity');
    const figure = within(deals).getByTestId('figure-deals-without-activity');
    expect(figure).toHaveAttribute('data-count', '8');
    expect(figure).toHaveTextContent('48.100,00 €');
    // Named by what it shows first (label in name), then by what it opens.
    expect(figure).toHaveAccessibleName(/^8\b.*48\.100,00\s€ Deals öffnen: Deals ohne nächste Aktivität$/);
    const to = figure.getAttribute('data-to');
    expect(to?.startsWith('/deals?')).toBe(true);
    expect(toListQuery(parseFilter(params(to).get('filter')), [], 0)).toEqual(withoutActivity);

    const lines = within(deals).getAllByTestId('deal-without-activity');
    expect(lines.map((line) => line.dataset.title)).toEqual(['Kopierer Hafenkontor', 'Drucker Süd']);
    const first = at(lines, 0);
    expect(within(first).getByRole('link', { name: 'Kopierer Hafenkontor' })).toHaveAttribute('href', '/deals/d-1');
    expect(within(first).getByRole('link', { name: 'Hafenkontor GmbH' })).toHaveAttribute('href', '/organizations/o-1');
    expect(first).toHaveTextContent('12.500,00 €');
    expect(first).toHaveTextContent('Abschluss 01.02.2027');
    expect(within(at(lines, 1)).getByTestId('hidden-record')).toBeInTheDocument();
    expect(within(deals).getByRole('link', { name: 'Alle anzeigen (8)' })).toHaveAttribute('href', to);
  });

  it('says when there is nothing to do, and shows only what the role may list', () => {
    renderSteps(
      steps({
        activities: [],
        open: { count: 0, query: openActivities },
        deals: [],
        dealsWithoutActivity: { count: 0, value: '0.00', query: withoutActivity },
      }),
    );
    expect(screen.getByTestId('next-activities-empty')).toBeInTheDocument();
    expect(screen.getByTestId('deals-without-activity-empty')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: /Alle anzeigen/ })).not.toBeInTheDocument();

    renderSteps(steps(), { activities: false, deals: true });
    expect(screen.getAllByTestId('dashboard-next-steps')).toHaveLength(2);
    expect(screen.getAllByTestId('next-activities')).toHaveLength(1);
  });
});

const stage = (id: string, name: string, count: number, value: string): FunnelStage => ({
  stageId: id,
  name,
  probability: 50,
  count,
  value,
  weighted: '0.00',
  query: { ...emptyListQuery(), owner: 'team', pipelineId: 'pl-1', status: 'open', stageId: id },
});

const cell = (owner: string, stageId: string, count: number, value: string): Figure => ({
  count,
  value,
  query: { ...emptyListQuery(), owner, pipelineId: 'pl-1', status: 'open', stageId },
});

function dashboard(): Dashboard {
  return {
    scope: 'team',
    scopes: ['me', 'team'],
    pipelineId: 'pl-1',
    pipelineName: 'Vertrieb',
    funnel: [stage('s-1', 'Anfrage', 3, '3500.50'), stage('s-2', 'Angebot', 0, '0.00')],
    pipelineByRep: [
      {
        userId: 'u-jonas',
        userName: 'Jonas Schmidt',
        stages: [cell('u-jonas', 's-1', 3, '3500.50'), cell('u-jonas', 's-2', 0, '0.00')],
        total: cell('u-jonas', '', 3, '3500.50'),
      },
      {
        userId: 'u-lena',
        userName: 'Lena Fischer',
        stages: [cell('u-lena', 's-1', 0, '0.00'), cell('u-lena', 's-2', 0, '0.00')],
        total: cell('u-lena', '', 0, '0.00'),
      },
    ],
  } as unknown as Dashboard;
}

describe('RepPipelineCard', () => {
  it('shows a row per user with count and value per stage, each cell opening exactly its deals', () => {
    renderWithProviders(<RepPipelineCard dashboard={dashboard()} />);

    const table = screen.getByTestId('by-rep-table');
    expect(
      within(table)
        .getAllByRole('columnheader')
        .map((th) => th.textContent),
    ).toEqual(['Besitzer', 'Anfrage', 'Angebot', 'Summe']);
    const rows = within(table).getAllByTestId('by-rep-row');
    expect(rows.map((row) => row.dataset.name)).toEqual(['Jonas Schmidt', 'Lena Fischer']);
    const jonas = within(at(rows, 0)).getAllByTestId('by-rep-cell');
    expect(jonas[0]).toHaveTextContent('3.500,50 €');
    expect(jonas[0]).toHaveAccessibleName(/^.*3\.500,50\s€ Deals öffnen: Jonas Schmidt, Anfrage$/);
    const query = toListQuery(parseFilter(params(jonas[0]?.getAttribute('data-to') ?? '').get('filter')), [], 0);
    expect(query).toEqual({
      ...emptyListQuery(),
      owner: 'u-jonas',
      pipelineId: 'pl-1',
      status: 'open',
      stageId: 's-1',
    });
    // An empty cell shows its 0 and no value.
    expect(jonas[1]).toHaveTextContent(/^0 Deals öffnen: Jonas Schmidt, Angebot$/);
    expect(within(at(rows, 1)).getByTestId('by-rep-total')).toHaveAttribute('data-count', '0');
    // The stages' totals are the funnel's; the grand total opens all open deals of the pipeline in the scope.
    const stageTotals = within(table).getAllByTestId('by-rep-stage-total');
    expect(stageTotals.map((total) => total.dataset.count)).toEqual(['3', '0']);
    const grand = within(table).getByTestId('by-rep-grand-total');
    expect(grand).toHaveAttribute('data-count', '3');
    expect(toListQuery(parseFilter(params(grand.getAttribute('data-to')).get('filter')), [], 0)).toEqual({
      ...emptyListQuery(),
      owner: 'team',
      pipelineId: 'pl-1',
      status: 'open',
    });
  });
});
