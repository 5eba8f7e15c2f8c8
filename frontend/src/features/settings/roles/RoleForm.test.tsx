import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { adminApi, type Role } from '../../../api';
import { ApiError } from '../../../api/errors';
import { adminMe, fieldRole } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { MeContext } from '../../auth/session';
import { RoleForm, type RoleSave } from './RoleForm';

function renderForm(role?: Role) {
  const onSubmit = vi.fn<(save: RoleSave) => Promise<unknown>>(() => Promise.resolve());
  const onCancel = vi.fn();
  const user = userEvent.setup();
  renderWithProviders(
    <MeContext value={adminMe}>
      <RoleForm role={role} submitLabel="Speichern" pending={false} onSubmit={onSubmit} onCancel={onCancel} />
    </MeContext>,
  );
  return { user, onSubmit, onCancel };
}

beforeEach(() => {
  vi.restoreAllMocks();
  vi.spyOn(adminApi, 'listUsers').mockResolvedValue([adminMe.user]);
});

describe('RoleForm', () => {
  it('has a cell for every record type and action, labelled in German', () => {
    renderForm();

    const cells = screen.getAllByRole('combobox');
    expect(cells).toHaveLength(25);
    expect(screen.getByLabelText('Aktivitäten: Exportieren')).toHaveValue('none');
    expect(screen.getAllByRole('option', { name: 'Eigene Einheit + darunter', hidden: true })).toHaveLength(25);
  });

  it('produces the grants chosen in the matrix', async () => {
    const { user, onSubmit } = renderForm();

    await user.type(screen.getByLabelText('Name'), 'Key Account');
    await user.click(screen.getByRole('switch', { name: /Darf Einstellungen verwalten/ }));
    await user.selectOptions(screen.getByLabelText('Deals: Ansehen'), 'all');
    await user.selectOptions(screen.getByLabelText('Deals: Bearbeiten'), 'unit');
    await user.selectOptions(screen.getByLabelText('Personen: Anlegen'), 'own');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    await waitFor(() => {
      expect(onSubmit).toHaveBeenCalledTimes(1);
    });
    expect(onSubmit).toHaveBeenCalledWith({
      create: {
        name: 'Key Account',
        isAdmin: true,
        grants: [
          { recordType: 'person', action: 'create', scope: 'own' },
          { recordType: 'deal', action: 'view', scope: 'all' },
          { recordType: 'deal', action: 'edit', scope: 'unit' },
        ],
      },
    });
  });

  it('starts from the role’s grants and can take a right away again, sending only what changed', async () => {
    const { user, onSubmit } = renderForm(fieldRole);

    expect(screen.getByLabelText('Name')).toHaveValue('Außendienst');
    expect(screen.getByLabelText('Deals: Ansehen')).toHaveValue('unit');

    await user.selectOptions(screen.getByLabelText('Deals: Bearbeiten'), 'none');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    await waitFor(() => {
      expect(onSubmit).toHaveBeenCalledWith({
        id: 'role-field',
        version: 3,
        patch: {
          grants: [
            { recordType: 'person', action: 'view', scope: 'all' },
            { recordType: 'deal', action: 'view', scope: 'unit' },
          ],
        },
      });
    });
  });

  it('closes unsent when nothing was changed', async () => {
    const { user, onSubmit, onCancel } = renderForm(fieldRole);

    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    await waitFor(() => {
      expect(onCancel).toHaveBeenCalled();
    });
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('requires a name', async () => {
    const { user, onSubmit } = renderForm();

    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    expect(await screen.findByText('Bitte geben Sie einen Namen ein.')).toBeInTheDocument();
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows the server’s field error next to the name and keeps the input', async () => {
    const { user, onSubmit } = renderForm();
    onSubmit.mockRejectedValue(new ApiError({ status: 422, code: 'validation.failed', fields: { name: 'taken' } }));

    await user.type(screen.getByLabelText('Name'), 'Administrator');
    await user.selectOptions(screen.getByLabelText('Leads: Löschen'), 'all');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    expect(await screen.findByText('Dieser Name wird bereits verwendet.')).toBeInTheDocument();
    expect(screen.getByLabelText('Name')).toHaveValue('Administrator');
    expect(screen.getByLabelText('Leads: Löschen')).toHaveValue('all');
  });
});
