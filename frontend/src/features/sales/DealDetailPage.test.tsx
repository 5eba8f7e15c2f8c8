import { screen, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { Route, Routes } from 'react-router';
import { activitiesApi, documentsApi, recordsApi, salesApi, type Deal } from '../../api';
import { adminMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { MeContext } from '../auth/session';
import { DealDetailPage } from './DealDetailPage';
import { DealParties } from './DealParties';
import { deal } from './testData';

// The documents card registers for file drops, and presence for live changes, with the Wails runtime, which the
// tests do not have.
vi.mock('../../lib/wailsjs/runtime/runtime', () => ({ OnFileDrop: () => undefined, EventsOn: () => () => undefined }));

function renderPage(shown: Deal) {
  vi.spyOn(salesApi, 'getDeal').mockResolvedValue(shown);
  renderWithProviders(
    <MeContext value={adminMe}>
      <Routes>
        <Route path="/deals/:dealId" element={<DealDetailPage />} />
      </Routes>
    </MeContext>,
    { route: `/deals/${shown.id}` },
  );
}

beforeEach(() => {
  vi.spyOn(recordsApi, 'listCustomFields').mockResolvedValue([]);
  vi.spyOn(recordsApi, 'history').mockResolvedValue([]);
  vi.spyOn(recordsApi, 'listNotes').mockResolvedValue([]);
  vi.spyOn(recordsApi, 'openRecord').mockResolvedValue();
  vi.spyOn(recordsApi, 'leaveRecord').mockResolvedValue();
  vi.spyOn(recordsApi, 'presence').mockResolvedValue([]);
  vi.spyOn(activitiesApi, 'ofRecord').mockResolvedValue({ items: [], nextCursor: '' });
  vi.spyOn(documentsApi, 'list').mockResolvedValue([]);
  vi.spyOn(documentsApi, 'storage').mockResolvedValue({ usedBytes: 0, reservedBytes: 0, limitBytes: 1_000_000 });
});

describe('DealDetailPage with parties the user may not see', () => {
  it('shows the placeholder for a hidden organisation, links the visible person, and no place for it', async () => {
    renderPage(deal({ organizationHidden: true, personId: 'p-1', personName: 'Erika Mustermann' }));

    const organization = await screen.findByTestId('deal-organization');
    expect(within(organization).getByTestId('hidden-record')).toHaveTextContent('nicht sichtbar');
    expect(within(organization).queryByRole('link')).not.toBeInTheDocument();
    expect(within(screen.getByTestId('deal-person')).getByRole('link', { name: 'Erika Mustermann' })).toHaveAttribute(
      'href',
      '/persons/p-1',
    );
    // The deal lies where its organisation lies: not where its person lies, and not shown.
    const place = screen.getByTestId('place-card');
    expect(place).toHaveAttribute('data-place', 'hidden');
    expect(within(place).getByTestId('hidden-record')).toHaveTextContent('Organisation nicht sichtbar');
  });

  it('shows a dash, not the placeholder, for a party that is not linked at all', async () => {
    renderPage(deal({ personHidden: true }));

    expect(await screen.findByTestId('deal-organization')).toHaveTextContent('—');
    expect(within(screen.getByTestId('deal-person')).getByTestId('hidden-record')).toBeInTheDocument();
  });
});

describe('DealDetailPage presence', () => {
  it('opens the deal for this desktop and names who else has it open under the title', async () => {
    const presence = vi.spyOn(recordsApi, 'presence').mockResolvedValue([{ id: 'u2', name: 'Jonas Weber' }]);
    const shown = deal({});
    renderPage(shown);

    const header = (await screen.findByTestId('record-title')).parentElement;
    expect(await within(header ?? document.body).findByTestId('record-presence-names')).toHaveTextContent(
      'Ebenfalls geöffnet von Jonas Weber',
    );
    expect(recordsApi.openRecord).toHaveBeenCalledWith('deal', shown.id);
    expect(presence).toHaveBeenCalledWith('deal', shown.id);
  });
});

describe('DealParties (the board card line)', () => {
  it('names visible parties and shows hidden ones by kind', () => {
    renderWithProviders(<DealParties deal={deal({ organizationHidden: true, personName: 'Erika Mustermann' })} />);

    const line = screen.getByTestId('deal-parties');
    expect(line).toHaveTextContent(/^Organisation nicht sichtbar.* · Erika Mustermann$/);
  });

  it('shows only what is linked', () => {
    renderWithProviders(<DealParties deal={deal({ organizationName: 'Müller Bürobedarf GmbH' })} />);

    expect(screen.getByTestId('deal-parties')).toHaveTextContent(/^Müller Bürobedarf GmbH$/);
    expect(screen.queryByTestId('hidden-record')).not.toBeInTheDocument();
  });
});
