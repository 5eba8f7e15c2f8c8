import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { adminApi, recordsApi, type ListQuery, type ListTotal, type Page } from '../../../api';
import { adminMe } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { MeContext } from '../../auth/session';
import { RecordList, type Column } from './RecordList';

interface Item {
  id: string;
  name: string;
  distanceKm?: number;
}

const columns: Column<Item>[] = [{ key: 'name', header: 'Name', sortKey: 'name', render: (item) => item.name }];

function page(names: string[], nextCursor: string, total: number, totalCapped = false): Page<Item> {
  return { items: names.map((name) => ({ id: name, name })), nextCursor, total, totalCapped };
}

function renderList(fetchPage: (query: ListQuery) => Promise<Page<Item>>, route = '/persons') {
  const user = userEvent.setup();
  renderWithProviders(
    <MeContext value={adminMe}>
      <RecordList
        recordType="person"
        columns={columns}
        fetchPage={fetchPage}
        detailPath={(item) => `/persons/${item.id}`}
        itemName={(item) => item.name}
        emptyText="Es gibt noch keine Personen."
        testId="persons-list"
      />
    </MeContext>,
    { route },
  );
  return { user };
}

const names = () => screen.queryAllByTestId('record-row').map((row) => row.getAttribute('data-name'));

beforeEach(() => {
  vi.spyOn(recordsApi, 'listCustomFields').mockResolvedValue([]);
  vi.spyOn(recordsApi, 'listSavedFilters').mockResolvedValue([]);
  vi.spyOn(adminApi, 'listUsers').mockResolvedValue([]);
});

describe('RecordList', () => {
  it('shows the page before its count, then the capped count as "mehr als 1.000", and loads the next keyset page', async () => {
    const fetchPage = vi
      .fn<(query: ListQuery) => Promise<Page<Item>>>()
      .mockResolvedValueOnce(page(['Anna Adler', 'Bernd Bauer'], 'cursor-1', 2, true))
      .mockResolvedValueOnce(page(['Carla Christ'], '', 1, false));
    let answerCount: (total: ListTotal) => void = () => undefined;
    const countRecords = vi
      .spyOn(recordsApi, 'countRecords')
      .mockReturnValue(new Promise<ListTotal>((resolve) => (answerCount = resolve)));
    const { user } = renderList(fetchPage);

    // The page is there while its count is still being made.
    expect(await screen.findByText('Treffer: 2+')).toBeInTheDocument();
    expect(names()).toEqual(['Anna Adler', 'Bernd Bauer']);
    expect(fetchPage.mock.calls[0]?.[0]).toMatchObject({
      cursor: '',
      sort: 'name',
      limit: 50,
      search: '',
      deferTotal: true,
    });
    expect(screen.getByTestId('list-total')).not.toHaveAttribute('data-total');
    expect(countRecords).toHaveBeenCalledWith(
      'person',
      expect.objectContaining({ cursor: '', sort: 'name', search: '' }),
    );

    answerCount({ total: 1000, totalCapped: true });
    expect(await screen.findByText('Treffer: mehr als 1.000')).toBeInTheDocument();
    expect(screen.getByTestId('list-total')).toHaveAttribute('data-total', '1000');
    await user.click(screen.getByRole('button', { name: 'Weitere laden (2 von mehr als 1.000 angezeigt)' }));

    await waitFor(() => {
      expect(names()).toEqual(['Anna Adler', 'Bernd Bauer', 'Carla Christ']);
    });
    expect(fetchPage.mock.calls[1]?.[0]).toMatchObject({ cursor: 'cursor-1' });
    expect(screen.queryByTestId('load-more')).not.toBeInTheDocument();
    expect(countRecords).toHaveBeenCalledTimes(1);
  });

  it('asks for no count when the first page holds the whole list', async () => {
    const countRecords = vi.spyOn(recordsApi, 'countRecords');
    renderList(() => Promise.resolve(page(['Anna Adler'], '', 1)));
    expect(await screen.findByText('Treffer: 1')).toBeInTheDocument();
    expect(countRecords).not.toHaveBeenCalled();
  });

  it('sorts by a column and searches, starting again at the first page', async () => {
    const fetchPage = vi.fn((query: ListQuery) =>
      Promise.resolve(query.search === 'xyz' ? page([], '', 0) : page(['Anna Adler'], '', 1)),
    );
    const { user } = renderList(fetchPage);
    await screen.findByText('Treffer: 1');

    await user.click(screen.getByRole('button', { name: 'Nach Name sortieren' }));
    await waitFor(() => {
      expect(fetchPage).toHaveBeenLastCalledWith(expect.objectContaining({ sort: '-name', cursor: '' }));
    });
    expect(screen.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'descending');

    await user.type(screen.getByTestId('list-search'), 'xyz');
    expect(await screen.findByText('Keine Einträge passen zu diesem Filter.')).toBeInTheDocument();
    expect(fetchPage).toHaveBeenLastCalledWith(expect.objectContaining({ search: 'xyz', sort: '-name', cursor: '' }));
  });

  it('within a radius shows the distance after the first column, sorted by it', async () => {
    const near = { kind: 'address', address: 'Marienplatz 1, München', label: 'München', radiusKm: 25 };
    const fetchPage = vi.fn<(query: ListQuery) => Promise<Page<Item>>>(() =>
      Promise.resolve<Page<Item>>({
        items: [{ id: 'a', name: 'Anna Adler', distanceKm: 1.24 }],
        nextCursor: '',
        total: 1,
        totalCapped: false,
      }),
    );
    renderList(fetchPage, `/persons?filter=${encodeURIComponent(JSON.stringify({ near, sort: 'distance' }))}`);

    expect(await screen.findByText('Treffer: 1')).toBeInTheDocument();
    expect(fetchPage.mock.calls[0]?.[0]).toMatchObject({
      sort: 'distance',
      near: { address: 'Marienplatz 1, München', radiusKm: 25 },
    });
    expect(screen.getAllByRole('columnheader').map((header) => header.textContent)).toEqual(['Name', 'Entfernung']);
    expect(screen.getByRole('columnheader', { name: /Entfernung/ })).toHaveAttribute('aria-sort', 'ascending');
    expect(screen.getByTestId('record-row')).toHaveTextContent('1,2 km');
    expect(screen.getByTestId('near-active')).toHaveTextContent('Im Umkreis von 25 km um München');
  });

  it('says so when there are no records at all', async () => {
    renderList(() => Promise.resolve(page([], '', 0)));

    expect(await screen.findByTestId('list-empty')).toHaveTextContent('Es gibt noch keine Personen.');
    expect(screen.getByText('Treffer: 0')).toBeInTheDocument();
  });
});
