import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { sessionApi } from '../../api';
import type * as Api from '../../api';
import { ApiError } from '../../api/errors';
import { renderWithProviders } from '../../test/render';
import { TwoFactorCard } from './TwoFactorCard';

vi.mock('../../api', async (importOriginal) => {
  const actual = await importOriginal<typeof Api>();
  return {
    ...actual,
    sessionApi: {
      ...actual.sessionApi,
      twoFactor: vi.fn(),
      renewRecoveryCodes: vi.fn(),
      saveRecoveryCodes: vi.fn(),
    },
  };
});

const twoFactor = vi.mocked(sessionApi.twoFactor);
const renew = vi.mocked(sessionApi.renewRecoveryCodes);
const save = vi.mocked(sessionApi.saveRecoveryCodes);
const newCodes = [
  'abcde-fghij',
  'klmno-pqrst',
  'uvwxy-z2345',
  'a2345-67892',
  'b2345-67892',
  'c2345-67892',
  'd2345-67892',
  'e2345-67892',
  'f2345-67892',
  'g2345-67892',
];

describe('TwoFactorCard: new recovery codes', () => {
  afterEach(() => {
    vi.clearAllMocks();
  });

  it('asks for a current code, shows a wrong one next to the field, then shows the new codes once to copy or save', async () => {
    twoFactor.mockResolvedValue({
      enabled: true,
      enabledAt: '2026-12-01T09:00:00Z',
      recoveryCodesLeft: 3,
      required: true,
    });
    renew.mockRejectedValueOnce(
      new ApiError({ status: 422, code: 'validation.failed', fields: { code: 'wrong_code' } }),
    );
    renew.mockResolvedValueOnce({ codes: newCodes });
    save.mockResolvedValue('/home/c/1sales-recovery-codes.txt');
    const user = userEvent.setup();
    renderWithProviders(<TwoFactorCard />);

    await user.click(await screen.findByRole('button', { name: 'Neue Wiederherstellungscodes erzeugen' }));
    const form = screen.getByTestId('recovery-codes-renew-form');
    const input = within(form).getByTestId('totp-code');
    await user.type(input, '12');
    await user.click(within(form).getByRole('button', { name: 'Erzeugen' }));
    expect(await within(form).findByText('Bitte geben Sie die 6 Ziffern aus Ihrer App ein.')).toBeInTheDocument();
    expect(renew).not.toHaveBeenCalled();

    await user.clear(input);
    await user.type(input, '123 456');
    await user.click(within(form).getByRole('button', { name: 'Erzeugen' }));
    expect(await within(form).findByText('Der Code stimmt nicht (oder wurde schon verwendet).')).toBeInTheDocument();
    expect(renew).toHaveBeenLastCalledWith('123456');

    await user.click(within(form).getByRole('button', { name: 'Erzeugen' }));
    const shown = await screen.findByTestId('recovery-codes');
    for (const code of newCodes) expect(within(shown).getByText(code)).toBeInTheDocument();
    await user.click(within(shown).getByTestId('recovery-codes-download'));
    expect(save).toHaveBeenCalledWith('Wiederherstellungscodes speichern', expect.stringContaining('1sales'), newCodes);

    await user.click(within(shown).getByTestId('recovery-codes-done'));
    expect(screen.queryByTestId('recovery-codes')).not.toBeInTheDocument();
    expect(screen.queryByText('abcde-fghij')).not.toBeInTheDocument();
  });
});
