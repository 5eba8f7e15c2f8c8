import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { supportApi, type SupportInfo } from '../../api';
import { ApiError, call } from '../../api/errors';
import { clearRecentErrors } from '../../api/recentErrors';
import { renderWithProviders } from '../../test/render';
import { SupportPage } from './SupportPage';

const info: SupportInfo = {
  appVersion: '0.1.0+abc',
  os: 'linux/amd64',
  serverUrl: 'https://crm.nordlicht.example',
  serverVersion: 'srv-42',
  supportEmail: 'support@nordlicht.example',
};

beforeEach(() => {
  clearRecentErrors();
  vi.spyOn(supportApi, 'info').mockResolvedValue(info);
});

afterEach(() => {
  vi.restoreAllMocks();
});

function renderPage() {
  const user = userEvent.setup();
  renderWithProviders(<SupportPage />);
  return user;
}

/** An error the server answered, as a bound call reports it (it lands in the recent errors). */
async function serverError(requestId: string) {
  await call(() =>
    Promise.reject(new Error(JSON.stringify({ status: 500, code: 'internal', message: 'x', requestId }))),
  ).catch(() => undefined);
}

describe('SupportPage', () => {
  it('shows versions, server, the support address and the last error numbers', async () => {
    await serverError('req-41');
    await serverError('req-42');
    renderPage();
    expect(await screen.findByTestId('support-app-version')).toHaveTextContent('0.1.0+abc');
    expect(screen.getByTestId('support-server')).toHaveTextContent('https://crm.nordlicht.example');
    expect(screen.getByTestId('support-server-version')).toHaveTextContent('srv-42');
    expect(screen.getByTestId('support-address')).toHaveValue('support@nordlicht.example');
    const errors = screen.getByTestId('support-errors');
    expect(errors).toHaveTextContent('req-42');
    expect(errors).toHaveTextContent('req-41');
    expect(errors.textContent.indexOf('req-42')).toBeLessThan(errors.textContent.indexOf('req-41'));
  });

  it('requires a text and sends nothing without it', async () => {
    const send = vi.spyOn(supportApi, 'send').mockResolvedValue({ id: 'm1' });
    const user = renderPage();
    await user.click(await screen.findByRole('button', { name: 'Anfrage senden' }));
    expect(await screen.findByText('Bitte beschreiben Sie Ihr Anliegen.')).toBeInTheDocument();
    expect(send).not.toHaveBeenCalled();
  });

  it('attaches the diagnostics only when the user ticks the box, and shows what goes along', async () => {
    await serverError('req-7');
    const send = vi.spyOn(supportApi, 'send').mockResolvedValue({ id: 'm1' });
    const user = renderPage();
    const attach = await screen.findByRole('checkbox', { name: 'Diagnosedaten anhängen' });
    expect(attach).not.toBeChecked();
    expect(screen.queryByTestId('support-diagnostics')).not.toBeInTheDocument();
    await user.type(screen.getByRole('textbox', { name: /Ihre Nachricht/ }), 'Der Export hängt.');
    await user.click(screen.getByRole('button', { name: 'Anfrage senden' }));
    await waitFor(() => {
      expect(send).toHaveBeenCalledTimes(1);
    });
    expect(send.mock.calls[0]?.[0]).toMatchObject({ text: 'Der Export hängt.', attachDiagnostics: false });
    expect(await screen.findByText(/Ihre Anfrage wurde an den Support übergeben/)).toBeInTheDocument();

    await user.click(attach);
    const shown = screen.getByTestId('support-diagnostics');
    for (const fact of ['0.1.0+abc', 'linux/amd64', 'https://crm.nordlicht.example', 'req-7']) {
      expect(shown).toHaveTextContent(fact);
    }
    await user.type(screen.getByRole('textbox', { name: /Betreff/ }), 'Export');
    await user.type(screen.getByRole('textbox', { name: /Ihre Nachricht/ }), 'Noch einmal.');
    await user.click(screen.getByRole('button', { name: 'Anfrage senden' }));
    await waitFor(() => {
      expect(send).toHaveBeenCalledTimes(2);
    });
    expect(send.mock.calls[1]?.[0]).toEqual({
      subject: 'Export',
      text: 'Noch einmal.',
      attachDiagnostics: true,
      errorIds: ['req-7'],
    });
  });

  it('shows the server’s field errors next to the fields and keeps the text', async () => {
    vi.spyOn(supportApi, 'send').mockRejectedValue(
      new ApiError({ status: 422, code: 'validation.failed', fields: { text: 'too_long' } }),
    );
    const user = renderPage();
    const text = await screen.findByRole('textbox', { name: /Ihre Nachricht/ });
    await user.type(text, 'Sehr lang');
    await user.click(screen.getByRole('button', { name: 'Anfrage senden' }));
    expect(await screen.findByText('Die Eingabe ist zu lang.')).toBeInTheDocument();
    expect(text).toHaveValue('Sehr lang');
  });

  it('explains a missing support address next to the text', async () => {
    vi.spyOn(supportApi, 'send').mockRejectedValue(new ApiError({ status: 409, code: 'support.no_address' }));
    const user = renderPage();
    await user.type(await screen.findByRole('textbox', { name: /Ihre Nachricht/ }), 'Hilfe');
    await user.click(screen.getByRole('button', { name: 'Anfrage senden' }));
    expect(await screen.findByText(/keine Support-Adresse hinterlegt/)).toBeInTheDocument();
  });

  it('offers no form when the company has no support address', async () => {
    vi.spyOn(supportApi, 'info').mockResolvedValue({ ...info, supportEmail: '' });
    renderPage();
    expect(await screen.findByTestId('support-no-address')).toBeInTheDocument();
    expect(screen.queryByTestId('support-form')).not.toBeInTheDocument();
  });
});
