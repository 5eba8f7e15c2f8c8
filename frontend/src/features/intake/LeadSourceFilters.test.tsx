import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  adminApi,
  intakeApi,
  recordsApi,
  type Lead,
  type LeadSource,
  type ListQuery,
  type Page,
  type SavedFilter,
} from '../../api';
import { adminMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { MeContext } from '../auth/session';
import { emptyListQuery } from '../records/list/filterState';
import { RecordList, type Column } from '../records/list/RecordList';
import { LeadSourceFilters } from './LeadSourceFilters';

const stamp = { version: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z' };

const sources = [
  { id: 'src-1', name: '1leads', active: true },
  { id: 'src-2', name: 'Messe-App', active: false },
] as LeadSource[];

const saved: SavedFilter = {
  id: 'f1',
  recordType: 'lead',
  name: 'Duplikate von 1leads',
  query: { ...emptyListQuery(), sourceId: 'src-1', possibleDuplicate: true },
  shared: false,
  ownerId: adminMe.user.id,
  ownerName: adminMe.user.name,
  ...stamp,
};

const columns: Column<Lead>[] = [{ key: 'title', header: 'Titel', render: (lead) => lead.title }];
const noLeads: Page<Lead> = { items: [], nextCursor: '', total: 0, totalCapped: false };
const lastQuery = (fetchPage: { mock: { lastCall?: [ListQuery] } }) => fetchPage.mock.lastCall?.[0];

function renderLeads(fetchPage: (query: ListQuery) => Promise<Page<Lead>>) {
  const user = userEvent.setup();
  renderWithProviders(
    <MeContext value={adminMe}>
      <RecordList
        recordType="lead"
        columns={columns}
        fetchPage={fetchPage}
        detailPath={(lead) => `/leads/${lead.id}`}
        itemName={(lead) => lead.title}
        emptyText="Noch keine Leads."
        recordFilters={(state, onChange) => <LeadSourceFilters state={state} onChange={onChange} />}
        testId="leads-list"
      />
    </MeContext>,
    { route: '/leads?view=list' },
  );
  return { user };
}

const panel = () => within(screen.getByTestId('lead-source-filters'));

beforeEach(() => {
  vi.spyOn(recordsApi, 'listCustomFields').mockResolvedValue([]);
  vi.spyOn(recordsApi, 'listSavedFilters').mockResolvedValue([saved]);
  vi.spyOn(adminApi, 'listUsers').mockResolvedValue([]);
  vi.spyOn(intakeApi, 'listSources').mockResolvedValue(sources);
});

describe('LeadSourceFilters in the lead list', () => {
  it('filters by source and possible duplicates', async () => {
    const fetchPage = vi.fn<(query: ListQuery) => Promise<Page<Lead>>>(() => Promise.resolve(noLeads));
    const { user } = renderLeads(fetchPage);
    await screen.findByText('Treffer: 0');
    await user.click(screen.getByTestId('filter-toggle'));

    await user.click(panel().getByRole('combobox', { name: 'Quelle' }));
    await user.click(await screen.findByRole('option', { name: 'Messe-App', hidden: true }));
    await user.click(panel().getByRole('switch', { name: 'Nur mögliche Duplikate' }));

    await waitFor(() => {
      expect(lastQuery(fetchPage)).toMatchObject({ sourceId: 'src-2', possibleDuplicate: true, cursor: '' });
    });
    expect(screen.getByTestId('filter-toggle')).toHaveTextContent('2');

    await user.click(panel().getByRole('switch', { name: 'Nur mögliche Duplikate' }));
    await waitFor(() => {
      expect(lastQuery(fetchPage)).toMatchObject({ sourceId: 'src-2', possibleDuplicate: false });
    });
  });

  it('fills the controls from a saved filter and sends its conditions', async () => {
    const fetchPage = vi.fn<(query: ListQuery) => Promise<Page<Lead>>>(() => Promise.resolve(noLeads));
    const { user } = renderLeads(fetchPage);
    await screen.findByText('Treffer: 0');

    await user.click(screen.getByRole('combobox', { name: 'Gespeicherte Filter' }));
    await user.click(await screen.findByRole('option', { name: 'Duplikate von 1leads', hidden: true }));

    await waitFor(() => {
      expect(lastQuery(fetchPage)).toMatchObject({ sourceId: 'src-1', possibleDuplicate: true });
    });
    expect(panel().getByRole('combobox', { name: 'Quelle' })).toHaveValue('1leads');
    expect(panel().getByRole('switch', { name: 'Nur mögliche Duplikate' })).toBeChecked();
  });
});
