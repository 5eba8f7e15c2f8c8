import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  adminApi,
  recordsApi,
  salesApi,
  type Deal,
  type ListQuery,
  type Page,
  type Pipeline,
  type SavedFilter,
} from '../../api';
import { adminMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { MeContext } from '../auth/session';
import { emptyListQuery } from '../records/list/filterState';
import { RecordList, type Column } from '../records/list/RecordList';
import { PipelineFilters } from './PipelineFilters';

const stamp = { version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

const pipelines: Pipeline[] = [
  {
    id: 'p1',
    recordType: 'deal',
    name: 'Bestellung auf Rechnung',
    position: 1,
    stages: [
      { id: 's1', name: 'Erste Kontaktaufnahme', probability: 10, position: 1 },
      { id: 's2', name: 'Angebot verschickt', probability: 50, position: 2 },
    ],
    ...stamp,
  },
  {
    id: 'p2',
    recordType: 'deal',
    name: 'Projekte',
    position: 2,
    stages: [{ id: 's3', name: 'Ausschreibung', probability: 20, position: 1 }],
    ...stamp,
  },
];

const saved: SavedFilter = {
  id: 'f1',
  recordType: 'deal',
  name: 'Gewonnen in Projekte',
  query: { ...emptyListQuery(), pipelineId: 'p2', stageId: 's3', status: 'won' },
  shared: false,
  ownerId: adminMe.user.id,
  ownerName: adminMe.user.name,
  ...stamp,
};

const columns: Column<Deal>[] = [{ key: 'title', header: 'Titel', render: (deal) => deal.title }];

function renderDeals(fetchPage: (query: ListQuery) => Promise<Page<Deal>>) {
  const user = userEvent.setup();
  renderWithProviders(
    <MeContext value={adminMe}>
      <RecordList
        recordType="deal"
        columns={columns}
        fetchPage={fetchPage}
        detailPath={(deal) => `/deals/${deal.id}`}
        itemName={(deal) => deal.title}
        emptyText="Noch keine Deals."
        recordFilters={(state, onChange) => <PipelineFilters recordType="deal" state={state} onChange={onChange} />}
        testId="deals-list"
      />
    </MeContext>,
    { route: '/deals?view=list' },
  );
  return { user };
}

const panel = () => within(screen.getByTestId('pipeline-filters'));
const field = (label: string) => panel().getByRole('combobox', { name: label });

async function choose(user: ReturnType<typeof userEvent.setup>, label: string, option: string) {
  await user.click(field(label));
  await user.click(await findOption(option));
}

/** An option of the open dropdown (Mantine keeps it hidden until its opening transition has run). */
const findOption = (name: string) => screen.findByRole('option', { name, hidden: true });

/** The texts of a select's options (its listbox, which the input controls). */
function optionsOf(label: string): string[] {
  const listbox = document.getElementById(field(label).getAttribute('aria-controls') ?? '');
  if (listbox === null) throw new Error(`the select ${label} has no listbox`);
  return within(listbox)
    .getAllByRole('option', { hidden: true })
    .map((option) => option.textContent);
}

const noDeals: Page<Deal> = { items: [], nextCursor: '', total: 0, totalCapped: false };

const lastQuery = (fetchPage: { mock: { lastCall?: [ListQuery] } }) => fetchPage.mock.lastCall?.[0];

beforeEach(() => {
  vi.spyOn(recordsApi, 'listCustomFields').mockResolvedValue([]);
  vi.spyOn(recordsApi, 'listSavedFilters').mockResolvedValue([saved]);
  vi.spyOn(adminApi, 'listUsers').mockResolvedValue([]);
  vi.spyOn(salesApi, 'listPipelines').mockResolvedValue(pipelines);
});

describe('PipelineFilters in the deal list', () => {
  it('filters by status, pipeline and a stage of that pipeline, and drops the stage with another pipeline', async () => {
    const fetchPage = vi.fn<(query: ListQuery) => Promise<Page<Deal>>>(() => Promise.resolve(noDeals));
    const { user } = renderDeals(fetchPage);
    await screen.findByText('Treffer: 0');
    await user.click(screen.getByTestId('filter-toggle'));

    // No pipeline yet: no stage to pick.
    expect(field('Phase')).toBeDisabled();

    await choose(user, 'Status', 'Gewonnen');
    await choose(user, 'Pipeline', 'Bestellung auf Rechnung');
    expect(field('Phase')).toBeEnabled();
    await user.click(field('Phase'));
    expect(optionsOf('Phase')).toEqual(['Erste Kontaktaufnahme', 'Angebot verschickt']);
    await user.click(await findOption('Angebot verschickt'));

    await waitFor(() => {
      expect(lastQuery(fetchPage)).toMatchObject({ status: 'won', pipelineId: 'p1', stageId: 's2', cursor: '' });
    });
    expect(screen.getByTestId('filter-toggle')).toHaveTextContent('3');

    await choose(user, 'Pipeline', 'Projekte');
    await waitFor(() => {
      expect(lastQuery(fetchPage)).toMatchObject({ status: 'won', pipelineId: 'p2', stageId: '' });
    });
    expect(field('Phase')).toHaveValue('');
  });

  it('fills the controls from a saved filter and sends its conditions', async () => {
    const fetchPage = vi.fn<(query: ListQuery) => Promise<Page<Deal>>>(() => Promise.resolve(noDeals));
    const { user } = renderDeals(fetchPage);
    await screen.findByText('Treffer: 0');

    await user.click(screen.getByRole('combobox', { name: 'Gespeicherte Filter' }));
    await user.click(await findOption('Gewonnen in Projekte'));

    await waitFor(() => {
      expect(lastQuery(fetchPage)).toMatchObject({ status: 'won', pipelineId: 'p2', stageId: 's3' });
    });
    expect(field('Status')).toHaveValue('Gewonnen');
    expect(field('Pipeline')).toHaveValue('Projekte');
    expect(field('Phase')).toHaveValue('Ausschreibung');
  });
});
