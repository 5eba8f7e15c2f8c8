import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionApi, type Me } from '../../api';
import type * as Api from '../../api';
import { ApiError } from '../../api/errors';
import { changeLanguage } from '../../i18n';
import { adminMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import type { SessionSnapshot } from './session';
import { SignInPage } from './SignInPage';

// The component talks to src/api only (never to the bindings), so that is what is replaced here.
vi.mock('../../api', async (importOriginal) => {
  const actual = await importOriginal<typeof Api>();
  return {
    ...actual,
    sessionApi: {
      ...actual.sessionApi,
      login: vi.fn(),
      requestPasswordReset: vi.fn(),
      setLanguage: vi.fn(() => Promise.resolve()),
    },
  };
});

const login = vi.mocked(sessionApi.login);
const requestPasswordReset = vi.mocked(sessionApi.requestPasswordReset);

const snapshot: SessionSnapshot = {
  state: { signedIn: false, serverUrl: 'https://crm.nordlicht.example', email: '', language: 'de' },
  resumeError: null,
};

function renderSignIn(given: SessionSnapshot = snapshot) {
  const user = userEvent.setup();
  const view = renderWithProviders(<SignInPage snapshot={given} onRetryResume={vi.fn()} />);
  return { user, ...view };
}

async function fillAndSubmit(user: ReturnType<typeof userEvent.setup>, email: string, password: string) {
  await user.type(screen.getByLabelText('E-Mail-Adresse'), email);
  await user.type(screen.getByLabelText('Passwort'), password);
  await user.click(screen.getByRole('button', { name: 'Anmelden' }));
}

beforeEach(() => {
  login.mockReset();
  requestPasswordReset.mockReset();
});

afterEach(async () => {
  await changeLanguage('de');
});

describe('SignInPage', () => {
  it('prefills the server address the desktop remembered', () => {
    renderSignIn();

    expect(screen.getByLabelText('Server-Adresse')).toHaveValue('https://crm.nordlicht.example');
  });

  it('checks the form before sending and explains each problem in German', async () => {
    const { user } = renderSignIn({ ...snapshot, state: { ...snapshot.state, serverUrl: '' } });

    await user.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(await screen.findByText('Bitte geben Sie die Adresse Ihres 1sales-Servers ein.')).toBeInTheDocument();
    expect(screen.getByText('Bitte geben Sie Ihre E-Mail-Adresse ein.')).toBeInTheDocument();
    expect(screen.getByText('Bitte geben Sie Ihr Passwort ein.')).toBeInTheDocument();
    expect(login).not.toHaveBeenCalled();
  });

  it('shows wrong credentials as a translated message and keeps the input', async () => {
    login.mockRejectedValue(new ApiError({ status: 401, code: 'auth.invalid_credentials', message: 'invalid' }));
    const { user } = renderSignIn();

    await fillAndSubmit(user, 'claudia.becker@nordlicht.example', 'falsch12345');

    const alert = await screen.findByTestId('sign-in-error');
    expect(alert).toHaveTextContent('E-Mail-Adresse oder Passwort ist falsch.');
    expect(login).toHaveBeenCalledWith({
      serverUrl: 'https://crm.nordlicht.example',
      email: 'claudia.becker@nordlicht.example',
      password: 'falsch12345',
    });
    expect(screen.getByLabelText('Server-Adresse')).toHaveValue('https://crm.nordlicht.example');
    expect(screen.getByLabelText('E-Mail-Adresse')).toHaveValue('claudia.becker@nordlicht.example');
    expect(screen.getByLabelText('Passwort')).toHaveValue('falsch12345');
  });

  it('says when the server cannot be reached or sign-in is throttled', async () => {
    login.mockRejectedValueOnce(new ApiError({ status: 0, code: 'network.unreachable' }));
    const { user } = renderSignIn();

    await fillAndSubmit(user, 'jonas.schmidt@nordlicht.example', 'Demo1234!');
    expect(await screen.findByTestId('sign-in-error')).toHaveTextContent('Der Server ist nicht erreichbar.');

    login.mockRejectedValueOnce(new ApiError({ status: 429, code: 'auth.throttled' }));
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));
    await waitFor(() => {
      expect(screen.getByTestId('sign-in-error')).toHaveTextContent(
        'Zu viele Anmeldeversuche. Bitte versuchen Sie es später erneut.',
      );
    });
  });

  it('shows the server’s field errors next to their fields', async () => {
    login.mockRejectedValue(
      new ApiError({ status: 0, code: 'validation.failed', fields: { serverUrl: 'invalid', email: 'invalid' } }),
    );
    const { user } = renderSignIn();

    await fillAndSubmit(user, 'x@y', 'Demo1234!');

    const server = screen.getByLabelText('Server-Adresse');
    await waitFor(() => {
      expect(server).toHaveAttribute('aria-invalid', 'true');
    });
    expect(server).toHaveAccessibleDescription(
      'Bitte geben Sie eine vollständige Adresse ein, z. B. https://crm.ihre-firma.de.',
    );
    expect(screen.getByLabelText('E-Mail-Adresse')).toHaveAccessibleDescription(
      'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
    );
    expect(screen.queryByTestId('sign-in-error')).not.toBeInTheDocument();
    expect(screen.getByLabelText('E-Mail-Adresse')).toHaveValue('x@y');
  });

  it('disables the button while signing in', async () => {
    let finish: (me: Me) => void = () => undefined;
    login.mockReturnValue(
      new Promise<Me>((resolve) => {
        finish = resolve;
      }),
    );
    const { user } = renderSignIn();

    await fillAndSubmit(user, 'claudia.becker@nordlicht.example', 'Demo1234!');

    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Anmelden' })).toBeDisabled();
    });
    finish(adminMe);
    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Anmelden' })).toBeEnabled();
    });
  });

  it('switches to English and keeps the choice through the desktop', async () => {
    const { user } = renderSignIn();

    await user.click(screen.getByText('English'));

    expect(await screen.findByRole('button', { name: 'Sign in' })).toBeInTheDocument();
    expect(screen.getByLabelText('Server address')).toBeInTheDocument();
    expect(sessionApi.setLanguage).toHaveBeenCalledWith('en');
  });

  it('asks for a reset link with the server and the address typed, and says the same whatever the server knows', async () => {
    requestPasswordReset.mockResolvedValue(undefined);
    const { user } = renderSignIn();
    await user.type(screen.getByLabelText('E-Mail-Adresse'), 'jonas.schmidt@nordlicht.example');
    await user.click(screen.getByRole('button', { name: 'Passwort vergessen?' }));

    const dialog = await screen.findByRole('dialog', { name: 'Passwort vergessen' });
    expect(dialog).toHaveTextContent('30 Minuten');
    await user.click(within(dialog).getByRole('button', { name: 'Link anfordern' }));

    await waitFor(() =>
      expect(requestPasswordReset).toHaveBeenCalledWith({
        serverUrl: 'https://crm.nordlicht.example',
        email: 'jonas.schmidt@nordlicht.example',
      }),
    );
    expect(await screen.findByTestId('forgot-sent')).toHaveTextContent(
      'Wenn zu jonas.schmidt@nordlicht.example ein Konto besteht',
    );
  });

  it('shows a refused address next to its field', async () => {
    requestPasswordReset.mockRejectedValue(
      new ApiError({ status: 422, code: 'validation.failed', message: 'x', fields: { email: 'invalid' }, requestId: 'r1' }),
    );
    const { user } = renderSignIn();
    await user.click(screen.getByRole('button', { name: 'Passwort vergessen?' }));
    const dialog = await screen.findByRole('dialog', { name: 'Passwort vergessen' });
    await user.type(within(dialog).getByLabelText('E-Mail-Adresse'), 'a@b');
    await user.click(within(dialog).getByRole('button', { name: 'Link anfordern' }));

    expect(await within(dialog).findByText('Bitte geben Sie eine gültige E-Mail-Adresse ein.')).toBeInTheDocument();
  });
});
