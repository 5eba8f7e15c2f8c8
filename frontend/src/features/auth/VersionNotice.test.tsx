import { notifications } from '@mantine/notifications';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionApi, type ServerInfo } from '../../api';
import type * as Api from '../../api';
import { ApiError } from '../../api/errors';
import { changeLanguage } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { SignInPage } from './SignInPage';
import { ServerVersionNotice, UpdateRequired } from './VersionNotice';

vi.mock('../../api', async (importOriginal) => {
  const actual = await importOriginal<typeof Api>();
  return {
    ...actual,
    openExternal: vi.fn(),
    sessionApi: {
      ...actual.sessionApi,
      login: vi.fn(),
      serverInfo: vi.fn(),
      setCaFile: vi.fn(() => Promise.resolve()),
      setLanguage: vi.fn(() => Promise.resolve()),
    },
  };
});

const serverInfo = vi.mocked(sessionApi.serverInfo);
const login = vi.mocked(sessionApi.login);
const setCaFile = vi.mocked(sessionApi.setCaFile);

function info(over: Partial<Omit<ServerInfo, 'server'>> & { server?: Partial<ServerInfo['server']> } = {}): ServerInfo {
  return {
    desktopVersion: '0.1.0',
    desktopTooOld: false,
    serverOutdated: false,
    ...over,
    server: { version: '1.4.2', apiLevel: 1, ...over.server },
  };
}

beforeEach(() => {
  serverInfo.mockReset();
  login.mockReset();
  setCaFile.mockClear();
});

afterEach(async () => {
  notifications.clean();
  await changeLanguage('de');
});

describe('UpdateRequired', () => {
  it('says in German which version the server needs and links the download', async () => {
    serverInfo.mockResolvedValue(
      info({
        desktopTooOld: true,
        server: { minDesktopVersion: '1.4.0', desktopDownloadUrl: 'https://download.nordlicht.example/1sales' },
      }),
    );
    renderWithProviders(<UpdateRequired serverUrl="https://crm.nordlicht.example" />);

    expect(
      await screen.findByText(
        'Diese Version der 1sales-App (0.1.0) ist zu alt für Ihren Server. Er benötigt mindestens Version 1.4.0.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Aktuelle Version herunterladen' })).toHaveAttribute(
      'href',
      'https://download.nordlicht.example/1sales',
    );
    expect(serverInfo).toHaveBeenCalledWith('https://crm.nordlicht.example');
  });

  it('asks to contact IT when the server names no download address', async () => {
    serverInfo.mockResolvedValue(info({ desktopTooOld: true, server: { minDesktopVersion: '2.0.0' } }));
    renderWithProviders(<UpdateRequired serverUrl="https://crm.nordlicht.example" />);

    expect(
      await screen.findByText('Bitte wenden Sie sich an Ihre IT, um die aktuelle Version zu erhalten.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link')).not.toBeInTheDocument();
  });

  it('speaks English too', async () => {
    await changeLanguage('en');
    serverInfo.mockResolvedValue(
      info({ desktopTooOld: true, server: { minDesktopVersion: '1.4.0', desktopDownloadUrl: 'https://dl.example' } }),
    );
    renderWithProviders(<UpdateRequired serverUrl="https://crm.nordlicht.example" />);

    expect(
      await screen.findByText(
        'This version of the 1sales app (0.1.0) is too old for your server. It needs at least version 1.4.0.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Download the current version' })).toBeInTheDocument();
  });
});

describe('ServerVersionNotice', () => {
  // Before the test that shows the notice: Mantine's notifications outlive a test's render.
  it('says nothing for a current server', async () => {
    serverInfo.mockResolvedValue(info());
    renderWithProviders(<ServerVersionNotice serverUrl="https://crm.nordlicht.example" />);

    await vi.waitFor(() => expect(serverInfo).toHaveBeenCalled());
    expect(screen.queryByText('Der Server ist älter als diese App')).not.toBeInTheDocument();
  });
  it('tells once that an older server lacks features of this app', async () => {
    serverInfo.mockResolvedValue(info({ serverOutdated: true, server: { version: '0.9.0', apiLevel: 0 } }));
    renderWithProviders(<ServerVersionNotice serverUrl="https://crm.nordlicht.example" />);

    expect(await screen.findByText('Der Server ist älter als diese App')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Ihr Server (Version 0.9.0) kennt noch nicht alle Funktionen dieser App (Version 0.1.0). Einige Funktionen können fehlschlagen, bis der Server aktualisiert ist.',
      ),
    ).toBeInTheDocument();
  });
});

describe('SignInPage and versions, addresses, certificates', () => {
  const snapshot = {
    state: {
      signedIn: false,
      serverUrl: 'https://crm.nordlicht.example',
      email: 'claudia.becker@nordlicht.example',
      language: 'de',
    },
    resumeError: null,
  };

  it('shows the update notice with the download link instead of a failure when the desktop is too old', async () => {
    login.mockRejectedValue(new ApiError({ status: 426, code: 'client.too_old', message: 'too old' }));
    serverInfo.mockResolvedValue(
      info({
        desktopTooOld: true,
        server: { minDesktopVersion: '1.4.0', desktopDownloadUrl: 'https://dl.example/1sales' },
      }),
    );
    const user = userEvent.setup();
    renderWithProviders(<SignInPage snapshot={snapshot} onRetryResume={vi.fn()} />);

    await user.type(screen.getByLabelText('Passwort'), 'Demo1234!');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(await screen.findByTestId('update-required')).toHaveTextContent('Bitte aktualisieren Sie 1sales');
    expect(await screen.findByRole('link', { name: 'Aktuelle Version herunterladen' })).toBeInTheDocument();
    expect(screen.queryByTestId('sign-in-error')).not.toBeInTheDocument();
  });

  it('refuses plain http to another computer before sending, and allows it to this one', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <SignInPage snapshot={{ ...snapshot, state: { ...snapshot.state, serverUrl: '' } }} onRetryResume={vi.fn()} />,
    );

    await user.type(screen.getByLabelText('Server-Adresse'), 'http://crm.nordlicht.example');
    await user.type(screen.getByLabelText('Passwort'), 'Demo1234!');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(
      await screen.findByText(
        'Unverschlüsselte Verbindungen (http://) sind nur zu diesem Computer erlaubt. Bitte verwenden Sie https://.',
      ),
    ).toBeInTheDocument();
    expect(login).not.toHaveBeenCalled();

    login.mockResolvedValue(undefined as never);
    await user.clear(screen.getByLabelText('Server-Adresse'));
    await user.type(screen.getByLabelText('Server-Adresse'), 'http://127.0.0.1:8421');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));
    await vi.waitFor(() => expect(login).toHaveBeenCalled());
  });

  it('saves a company CA file before signing in and shows a certificate error in German', async () => {
    login.mockRejectedValue(
      new ApiError({ status: 0, code: 'tls.unknown_authority', message: 'x509: unknown authority' }),
    );
    const user = userEvent.setup();
    renderWithProviders(<SignInPage snapshot={snapshot} onRetryResume={vi.fn()} />);

    await user.type(screen.getByLabelText('Zertifikat Ihrer Firma (optional)'), '/etc/firma/ca.pem');
    await user.type(screen.getByLabelText('Passwort'), 'Demo1234!');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(await screen.findByTestId('sign-in-error')).toHaveTextContent(
      'Das Zertifikat des Servers stammt von einer unbekannten Zertifizierungsstelle.',
    );
    expect(setCaFile).toHaveBeenCalledWith('/etc/firma/ca.pem');
  });
});
