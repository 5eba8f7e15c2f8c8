import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { adminApi, contactsApi, recordsApi, salesApi, type Deal, type Organization } from '../../api';
import { adminMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { MeContext } from '../auth/session';
import { DealFormModal } from './DealFormModal';
import { deal, pipeline } from './testData';

const mueller: Organization = {
  id: 'o-1',
  name: 'Müller Bürobedarf GmbH',
  address: { street: '', postalCode: '', city: 'Kiel', country: 'DE' },
  phone: '',
  email: '',
  website: '',
  industry: '',
  ownerId: adminMe.user.id,
  ownerName: adminMe.user.name,
  personCount: 0,
  custom: {},
  version: 1,
  createdAt: '2026-11-01T08:00:00Z',
  updatedAt: '2026-11-01T08:00:00Z',
};

function renderForm(edited: Deal) {
  const user = userEvent.setup();
  const onClose = vi.fn();
  renderWithProviders(
    <MeContext value={adminMe}>
      <DealFormModal opened deal={edited} onClose={onClose} />
    </MeContext>,
  );
  return { user, onClose };
}

beforeEach(() => {
  vi.spyOn(recordsApi, 'listCustomFields').mockResolvedValue([]);
  vi.spyOn(salesApi, 'listPipelines').mockResolvedValue([pipeline]);
  vi.spyOn(adminApi, 'listUsers').mockResolvedValue([adminMe.user]);
  vi.spyOn(contactsApi, 'getOrganization').mockResolvedValue(mueller);
});

describe('DealFormModal with a linked record the user may not see', () => {
  it('shows the placeholder for the hidden person and does not unlink it when other fields are saved', async () => {
    const update = vi
      .spyOn(salesApi, 'updateDeal')
      .mockImplementation((id, version) => Promise.resolve(deal({ id, version: version + 1 })));
    // Only the hidden person makes this deal valid: no organisation.
    const { user, onClose } = renderForm(deal({ personHidden: true }));

    const field = await screen.findByTestId('hidden-link-field');
    expect(field).toHaveTextContent('Person');
    expect(field).toHaveTextContent('nicht sichtbar');
    const title = screen.getByLabelText(/Titel/);
    await user.clear(title);
    await user.type(title, 'Rahmenvertrag 2027');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    await waitFor(() => {
      expect(onClose).toHaveBeenCalled();
    });
    expect(screen.queryByText('Bitte wählen Sie eine Person oder eine Organisation.')).not.toBeInTheDocument();
    expect(update).toHaveBeenCalledTimes(1);
    const patch = update.mock.calls[0]?.[2];
    expect(patch).toEqual({ title: 'Rahmenvertrag 2027' });
    expect(patch).not.toHaveProperty('personId');
  });

  it('removes the hidden person only when the user replaces it and leaves the picker empty', async () => {
    const update = vi
      .spyOn(salesApi, 'updateDeal')
      .mockImplementation((id, version) => Promise.resolve(deal({ id, version: version + 1 })));
    const { user, onClose } = renderForm(
      deal({ personHidden: true, organizationId: mueller.id, organizationName: mueller.name }),
    );

    await user.click(await screen.findByRole('button', { name: 'Person: Verknüpfung ändern oder entfernen' }));
    expect(screen.queryByTestId('hidden-link-field')).not.toBeInTheDocument();
    expect(screen.getByRole('combobox', { name: 'Person' })).toHaveValue('');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    await waitFor(() => {
      expect(onClose).toHaveBeenCalled();
    });
    expect(update.mock.calls[0]?.[2]).toEqual({ personId: '' });
  });

  it('still needs a person or an organisation once the hidden one is replaced by nothing', async () => {
    const update = vi.spyOn(salesApi, 'updateDeal');
    const { user } = renderForm(deal({ organizationHidden: true }));

    await user.click(await screen.findByRole('button', { name: 'Organisation: Verknüpfung ändern oder entfernen' }));
    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    expect(await screen.findAllByText('Bitte wählen Sie eine Person oder eine Organisation.')).toHaveLength(2);
    expect(update).not.toHaveBeenCalled();
  });
});
