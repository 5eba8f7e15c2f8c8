import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sessionApi, type SignInResult } from '../../api';
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
      secondFactor: vi.fn(),
      cancelSignIn: vi.fn(() => Promise.resolve()),
      requestPasswordReset: vi.fn(),
      setLanguage: vi.fn(() => Promise.resolve()),
    },
  };
});

const login = vi.mocked(sessionApi.login);
const secondFactor = vi.mocked(sessionApi.secondFactor);
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
  secondFactor.mockReset();
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
    let finish: (result: SignInResult) => void = () => undefined;
    login.mockReturnValue(
      new Promise<SignInResult>((resolve) => {
        finish = resolve;
      }),
    );
    const { user } = renderSignIn();

    await fillAndSubmit(user, 'claudia.becker@nordlicht.example', 'Demo1234!');

    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Anmelden' })).toBeDisabled();
    });
    finish({ me: adminMe });
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

  describe('the code step', () => {
    async function toCodeStep() {
      login.mockResolvedValue({ step: 'code' });
      const view = renderSignIn();
      await fillAndSubmit(view.user, 'claudia.becker@nordlicht.example', 'Demo1234!');
      await screen.findByTestId('second-factor-form');
      return view;
    }

    it('asks for the code after a right password and signs in with it', async () => {
      secondFactor.mockResolvedValue({ me: adminMe });
      const { user } = await toCodeStep();

      expect(screen.getByText('Bestätigung mit zweitem Faktor')).toBeInTheDocument();
      await user.type(screen.getByLabelText('Code aus der Authenticator-App'), '123 456');
      await user.click(screen.getByRole('button', { name: 'Anmelden' }));

      await waitFor(() => {
        expect(secondFactor).toHaveBeenCalledWith({ code: '123456', recoveryCode: '' });
      });
    });

    it('checks the code has 6 digits before sending', async () => {
      const { user } = await toCodeStep();

      await user.type(screen.getByLabelText('Code aus der Authenticator-App'), '12345');
      await user.click(screen.getByRole('button', { name: 'Anmelden' }));

      expect(await screen.findByText('Bitte geben Sie die 6 Ziffern aus Ihrer App ein.')).toBeInTheDocument();
      expect(secondFactor).not.toHaveBeenCalled();
    });

    it('shows a wrong code next to the field and keeps the step', async () => {
      secondFactor.mockRejectedValue(
        new ApiError({ status: 422, code: 'validation.failed', fields: { code: 'wrong_code' } }),
      );
      const { user } = await toCodeStep();

      await user.type(screen.getByLabelText('Code aus der Authenticator-App'), '654321');
      await user.click(screen.getByRole('button', { name: 'Anmelden' }));

      await waitFor(() => {
        expect(screen.getByLabelText('Code aus der Authenticator-App')).toHaveAccessibleDescription(
          'Der Code stimmt nicht (oder wurde schon verwendet).',
        );
      });
      expect(screen.getByTestId('second-factor-form')).toBeInTheDocument();
    });

    it('takes a recovery code instead', async () => {
      secondFactor.mockResolvedValue({ me: adminMe });
      const { user } = await toCodeStep();

      await user.click(screen.getByText('Wiederherstellungscode verwenden'));
      await user.type(screen.getByLabelText('Wiederherstellungscode'), 'abcde-fghij');
      await user.click(screen.getByRole('button', { name: 'Anmelden' }));

      await waitFor(() => {
        expect(secondFactor).toHaveBeenCalledWith({ code: '', recoveryCode: 'abcde-fghij' });
      });
    });

    it('sends back to the password when the step ran out', async () => {
      secondFactor.mockRejectedValue(new ApiError({ status: 401, code: 'auth.challenge_invalid' }));
      const { user } = await toCodeStep();

      await user.type(screen.getByLabelText('Code aus der Authenticator-App'), '123456');
      await user.click(screen.getByRole('button', { name: 'Anmelden' }));
      const expired = await screen.findByTestId('second-factor-expired');
      expect(expired).toHaveTextContent('Die Anmeldung ist abgelaufen.');

      await user.click(within(expired).getByRole('button', { name: 'Zurück zur Anmeldung' }));
      expect(await screen.findByTestId('sign-in-form')).toBeInTheDocument();
      expect(sessionApi.cancelSignIn).toHaveBeenCalled();
    });

    it('speaks English too', async () => {
      const { user } = await toCodeStep();
      await act(async () => {
        await changeLanguage('en');
      });

      expect(await screen.findByText('Confirm with your second factor')).toBeInTheDocument();
      await user.click(screen.getByText('Use a recovery code'));
      expect(screen.getByLabelText('Recovery code')).toBeInTheDocument();
    });
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
      new ApiError({
        status: 422,
        code: 'validation.failed',
        message: 'x',
        fields: { email: 'invalid' },
        requestId: 'r1',
      }),
    );
    const { user } = renderSignIn();
    await user.click(screen.getByRole('button', { name: 'Passwort vergessen?' }));
    const dialog = await screen.findByRole('dialog', { name: 'Passwort vergessen' });
    await user.type(within(dialog).getByLabelText('E-Mail-Adresse'), 'a@b');
    await user.click(within(dialog).getByRole('button', { name: 'Link anfordern' }));

    expect(await within(dialog).findByText('Bitte geben Sie eine gültige E-Mail-Adresse ein.')).toBeInTheDocument();
  });
});
