import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { adminApi, contactsApi, recordsApi, type Person } from '../../api';
import { ApiError } from '../../api/errors';
import { customerNo, revenue } from '../../test/customFields';
import { adminMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { MeContext } from '../auth/session';
import { PersonFormModal } from './PersonFormModal';

const created: Person = {
  id: 'p-new',
  salutation: 'none',
  title: '',
  firstName: 'Erika',
  lastName: 'Mustermann',
  name: 'Erika Mustermann',
  jobTitle: '',
  emails: [],
  phones: [],
  address: { street: '', postalCode: '', city: '', country: 'DE' },
  ownerId: adminMe.user.id,
  ownerName: adminMe.user.name,
  organizations: [],
  custom: {},
  version: 1,
  createdAt: '2026-11-27T13:05:00Z',
  updatedAt: '2026-11-27T13:05:00Z',
};

function renderForm() {
  const onSaved = vi.fn();
  const user = userEvent.setup();
  renderWithProviders(
    <MeContext value={adminMe}>
      <PersonFormModal opened onClose={vi.fn()} onSaved={onSaved} />
    </MeContext>,
  );
  return { user, onSaved };
}

beforeEach(() => {
  vi.spyOn(recordsApi, 'listCustomFields').mockResolvedValue([revenue, customerNo]);
  vi.spyOn(adminApi, 'listUsers').mockResolvedValue([adminMe.user]);
});

describe('PersonFormModal', () => {
  it('sends the number typed with a German comma canonically and skips empty rows', async () => {
    const create = vi.spyOn(contactsApi, 'createPerson').mockResolvedValue(created);
    const { user, onSaved } = renderForm();

    await user.type(await screen.findByLabelText('Vorname'), 'Erika');
    await user.type(screen.getByLabelText('Nachname'), 'Mustermann');
    await user.type(screen.getByLabelText('Jahresumsatz'), '1234,5');
    await user.click(screen.getByRole('button', { name: 'Anlegen' }));

    await waitFor(() => {
      expect(onSaved).toHaveBeenCalledWith(created);
    });
    expect(create).toHaveBeenCalledTimes(1);
    expect(create.mock.calls[0]?.[0]).toMatchObject({
      firstName: 'Erika',
      lastName: 'Mustermann',
      custom: { 'f-revenue': '1234.5' },
      emails: [],
      phones: [],
      ownerId: adminMe.user.id,
      address: { country: 'DE' },
    });
  });

  it("shows the server's field errors next to the right rows and fields, in German, and keeps the input", async () => {
    vi.spyOn(contactsApi, 'createPerson').mockRejectedValue(
      new ApiError({
        status: 422,
        code: 'validation.failed',
        // The first form row was empty and not sent: the server's emails[0] is the form's second row.
        fields: { 'emails[0].value': 'invalid', 'custom.f-customer': 'too_long', 'address.postalCode': 'too_long' },
      }),
    );
    const { user } = renderForm();

    await user.type(await screen.findByLabelText('Nachname'), 'Mustermann');
    await user.click(screen.getByRole('button', { name: 'E-Mail-Adresse hinzufügen' }));
    await user.type(screen.getByLabelText('E-Mail-Adresse 2'), 'erika@firma.de');
    await user.click(screen.getByRole('button', { name: 'Anlegen' }));

    const second = screen.getByLabelText('E-Mail-Adresse 2');
    await waitFor(() => {
      expect(second).toHaveAttribute('aria-invalid', 'true');
    });
    expect(second).toHaveAccessibleDescription('Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de.');
    expect(screen.getByLabelText('E-Mail-Adresse 1')).not.toHaveAttribute('aria-invalid', 'true');
    expect(screen.getByLabelText('Kundennummer')).toHaveAccessibleDescription('Die Eingabe ist zu lang.');
    expect(screen.getByLabelText('PLZ')).toHaveAccessibleDescription('Die Eingabe ist zu lang.');
    expect(second).toHaveValue('erika@firma.de');
    expect(screen.getByLabelText('Nachname')).toHaveValue('Mustermann');
  });

  it('asks before creating a second person with the same e-mail address, and then sends allowDuplicate', async () => {
    const create = vi
      .spyOn(contactsApi, 'createPerson')
      .mockRejectedValueOnce(
        new ApiError({ status: 409, code: 'person.duplicate_email', fields: { 'emails[0]': 'duplicate' } }),
      )
      .mockResolvedValueOnce(created);
    const { user, onSaved } = renderForm();

    await user.type(await screen.findByLabelText('E-Mail-Adresse 1'), 'erika@firma.de');
    await user.click(screen.getByRole('button', { name: 'Anlegen' }));

    const question = await screen.findByRole('dialog', { name: 'E-Mail-Adresse schon vorhanden' });
    expect(question).toHaveTextContent('Es gibt bereits eine Person mit dieser E-Mail-Adresse. Trotzdem anlegen?');
    await user.click(within(question).getByRole('button', { name: 'Trotzdem anlegen' }));

    await waitFor(() => {
      expect(onSaved).toHaveBeenCalledWith(created);
    });
    expect(create).toHaveBeenCalledTimes(2);
    expect(create.mock.calls[0]?.[0].allowDuplicate).toBe(false);
    expect(create.mock.calls[1]?.[0]).toMatchObject({ allowDuplicate: true, emails: [{ value: 'erika@firma.de' }] });
  });

  it('checks before sending and sends nothing while something is wrong', async () => {
    const create = vi.spyOn(contactsApi, 'createPerson');
    const { user } = renderForm();

    await user.type(await screen.findByLabelText('E-Mail-Adresse 1'), 'erika@firma');
    await user.type(screen.getByLabelText('Jahresumsatz'), 'viel');
    await user.click(screen.getByRole('button', { name: 'Anlegen' }));

    expect(
      await screen.findByText('Bitte geben Sie eine gültige E-Mail-Adresse ein, z. B. name@firma.de.'),
    ).toBeVisible();
    expect(create).not.toHaveBeenCalled();
  });
});
