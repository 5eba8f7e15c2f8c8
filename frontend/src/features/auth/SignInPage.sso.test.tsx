import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionApi, ssoApi } from '../../api';
import type * as Api from '../../api';
import { ApiError } from '../../api/errors';
import { adminMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import type { SessionSnapshot } from './session';
import { SignInPage } from './SignInPage';

vi.mock('../../api', async (importOriginal) => {
  const actual = await importOriginal<typeof Api>();
  return {
    ...actual,
    sessionApi: { ...actual.sessionApi, login: vi.fn(), setLanguage: vi.fn(() => Promise.resolve()) },
    ssoApi: { ...actual.ssoApi, login: vi.fn(), cancel: vi.fn(() => Promise.resolve()) },
  };
});

const ssoLogin = vi.mocked(ssoApi.login);
const cancel = vi.mocked(ssoApi.cancel);
const login = vi.mocked(sessionApi.login);

const snapshot: SessionSnapshot = {
  state: { signedIn: false, serverUrl: 'https://crm.nordlicht.example', email: '', language: 'de' },
  resumeError: null,
};

function renderSignIn() {
  const user = userEvent.setup();
  renderWithProviders(<SignInPage snapshot={snapshot} onRetryResume={vi.fn()} />);
  return user;
}

const ssoButton = () => screen.getByRole('button', { name: 'Mit Single Sign-on anmelden' });

beforeEach(() => {
  ssoLogin.mockReset();
  cancel.mockClear();
  login.mockReset();
});

describe('SignInPage: single sign-on', () => {
  it('needs the server and the e-mail address but no password, and signs in through the desktop', async () => {
    ssoLogin.mockResolvedValue(adminMe);
    const user = renderSignIn();

    await user.click(ssoButton());
    expect(await screen.findByText('Bitte geben Sie Ihre E-Mail-Adresse ein.')).toBeInTheDocument();
    expect(ssoLogin).not.toHaveBeenCalled();

    await user.type(screen.getByLabelText('E-Mail-Adresse'), 'claudia.becker@nordlicht.example');
    await user.click(ssoButton());

    await waitFor(() => {
      expect(ssoLogin).toHaveBeenCalledWith({
        serverUrl: 'https://crm.nordlicht.example',
        email: 'claudia.becker@nordlicht.example',
      });
    });
    expect(screen.queryByText('Bitte geben Sie Ihr Passwort ein.')).not.toBeInTheDocument();
    expect(login).not.toHaveBeenCalled();
  });

  it('shows that it waits for the browser and lets the user cancel', async () => {
    let reject: ((reason: unknown) => void) | undefined;
    ssoLogin.mockImplementation(
      () =>
        new Promise((_, r) => {
          reject = r;
        }),
    );
    const user = renderSignIn();

    await user.type(screen.getByLabelText('E-Mail-Adresse'), 'claudia.becker@nordlicht.example');
    await user.click(ssoButton());

    const waiting = await screen.findByTestId('sso-waiting');
    expect(waiting).toHaveTextContent('Bitte melden Sie sich im Browser an.');
    expect(screen.getByRole('button', { name: 'Anmelden' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Abbrechen' }));
    expect(cancel).toHaveBeenCalledTimes(1);

    reject?.(new ApiError({ status: 0, code: 'auth.sso_cancelled', message: 'cancelled' }));
    expect(await screen.findByTestId('sign-in-error')).toHaveTextContent(
      'Die Anmeldung über Single Sign-on wurde abgebrochen.',
    );
    expect(ssoButton()).toBeEnabled();
  });

  it('says next to the address when its domain has no single sign-on', async () => {
    ssoLogin.mockRejectedValue(
      new ApiError({ status: 422, code: 'validation.failed', message: 'x', fields: { email: 'no_sso' } }),
    );
    const user = renderSignIn();

    await user.type(screen.getByLabelText('E-Mail-Adresse'), 'jemand@ohne-sso.example');
    await user.click(ssoButton());

    expect(
      await screen.findByText('Für die Domain dieser E-Mail-Adresse ist kein Single Sign-on eingerichtet.'),
    ).toBeInTheDocument();
    expect(screen.queryByTestId('sign-in-error')).not.toBeInTheDocument();
  });

  it('tells a user whose password sign-in is disabled to use single sign-on', async () => {
    login.mockRejectedValue(new ApiError({ status: 403, code: 'auth.password_disabled', message: 'x' }));
    const user = renderSignIn();

    await user.type(screen.getByLabelText('E-Mail-Adresse'), 'claudia.becker@nordlicht.example');
    await user.type(screen.getByLabelText('Passwort'), 'Demo1234!');
    await user.click(screen.getByRole('button', { name: 'Anmelden' }));

    expect(await screen.findByTestId('sign-in-error')).toHaveTextContent(
      'Ihr Unternehmen meldet Sie über Single Sign-on an.',
    );
  });
});
