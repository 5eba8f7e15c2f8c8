import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ssoApi, type SSOSettings, type Unit } from '../../../api';
import { ApiError } from '../../../api/errors';
import { adminRole, fieldRole } from '../../../test/fixtures';
import { renderWithProviders } from '../../../test/render';
import { SSOForm } from './SSOSettingsSection';

const units: Unit[] = [
  { id: 'unit-hq', name: 'Vertriebsleitung', version: 1 } as Unit,
  { id: 'unit-in', name: 'Innendienst', version: 1 } as Unit,
];

const empty: SSOSettings = {
  configured: false,
  enabled: false,
  issuer: '',
  clientId: '',
  clientSecretSet: false,
  domains: [],
  defaultUnitId: '',
  defaultRoleId: '',
  passwordDisabled: false,
  redirectUri: 'http://127.0.0.1',
  version: 0,
};

const saved: SSOSettings = {
  ...empty,
  configured: true,
  enabled: true,
  issuer: 'https://accounts.google.com',
  clientId: 'client-1',
  clientSecretSet: true,
  domains: ['nordlicht.example'],
  defaultUnitId: 'unit-in',
  defaultRoleId: fieldRole.id,
  version: 3,
};

function renderForm(settings: SSOSettings) {
  const user = userEvent.setup();
  renderWithProviders(<SSOForm settings={settings} units={units} roles={[adminRole, fieldRole]} />);
  return user;
}

beforeEach(() => {
  vi.restoreAllMocks();
});

describe('SSOForm', () => {
  it('fills the issuer from the Entra ID preset and saves a new configuration', async () => {
    const setSettings = vi.spyOn(ssoApi, 'setSettings').mockResolvedValue(saved);
    const user = renderForm(empty);

    await user.type(screen.getByLabelText('Verzeichnis-ID (Mandant) in Entra ID'), 'abc-123');
    expect(screen.getByLabelText(/Issuer-URL/)).toHaveValue('https://login.microsoftonline.com/abc-123/v2.0');
    await user.type(screen.getByLabelText('Client-ID (Anwendungs-ID)'), 'app-id');
    await user.type(screen.getByPlaceholderText('ihre-firma.de'), 'Nordlicht.example{enter}');
    await user.click(screen.getByRole('combobox', { name: 'Einheit neuer Konten' }));
    await user.click(await screen.findByRole('option', { name: 'Innendienst', hidden: true }));
    await user.click(screen.getByRole('combobox', { name: 'Rolle neuer Konten' }));
    await user.click(await screen.findByRole('option', { name: fieldRole.name, hidden: true }));
    await user.click(screen.getByLabelText('Passwort-Anmeldung für diese Nutzer sperren'));
    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    await waitFor(() => {
      expect(setSettings).toHaveBeenCalledWith({
        enabled: true,
        issuer: 'https://login.microsoftonline.com/abc-123/v2.0',
        clientId: 'app-id',
        clientSecret: undefined,
        domains: ['nordlicht.example'],
        defaultUnitId: 'unit-in',
        defaultRoleId: fieldRole.id,
        passwordDisabled: true,
      });
    });
  });

  it('shows a stored secret as "gesetzt", never its value, and keeps it unless replaced or removed', async () => {
    const setSettings = vi.spyOn(ssoApi, 'setSettings').mockResolvedValue(saved);
    const user = renderForm(saved);

    expect(screen.getByTestId('sso-secret-set')).toHaveTextContent('gesetzt');
    expect(screen.getByLabelText(/Client-Geheimnis/)).toHaveValue('');
    expect(screen.getByLabelText(/Issuer-URL/)).toHaveValue('https://accounts.google.com');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    await waitFor(() => {
      expect(setSettings).toHaveBeenCalledWith(expect.objectContaining({ clientSecret: undefined }));
    });

    await user.click(screen.getByLabelText('Gespeichertes Geheimnis entfernen'));
    await user.click(screen.getByRole('button', { name: 'Speichern' }));
    await waitFor(() => {
      expect(setSettings).toHaveBeenLastCalledWith(expect.objectContaining({ clientSecret: '' }));
    });
  });

  it('checks the issuer and the domains before saving', async () => {
    const setSettings = vi.spyOn(ssoApi, 'setSettings');
    const user = renderForm({ ...saved, issuer: 'https://idp.nordlicht.example' });

    await user.clear(screen.getByLabelText(/Issuer-URL/));
    await user.type(screen.getByLabelText(/Issuer-URL/), 'idp.nordlicht.example');
    await user.type(screen.getByPlaceholderText('ihre-firma.de'), 'nordlicht{enter}');
    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    expect(await screen.findByText('Bitte geben Sie eine vollständige Adresse mit https:// ein.')).toBeInTheDocument();
    expect(screen.getByText('Das ist keine gültige Domain: nordlicht')).toBeInTheDocument();
    expect(setSettings).not.toHaveBeenCalled();
  });

  it("shows the server's field errors next to their fields", async () => {
    vi.spyOn(ssoApi, 'setSettings').mockRejectedValue(
      new ApiError({
        status: 422,
        code: 'validation.failed',
        message: 'x',
        fields: { issuer: 'unreachable', 'domains[0]': 'taken', clientId: 'too_long' },
      }),
    );
    const user = renderForm(saved);

    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    expect(await screen.findByText('Unter dieser Adresse antwortet kein OpenID-Connect-Anbieter.')).toBeInTheDocument();
    expect(screen.getByText('Dieser Wert ist bereits vergeben.')).toBeInTheDocument();
    expect(screen.getByText('Die Eingabe ist zu lang.')).toBeInTheDocument();
  });
});
