import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { intakeApi, type LeadSource, type LeadSourceKey } from '../../../api';
import { renderWithProviders } from '../../../test/render';
import { KeysSection } from './SourceSections';

const source = { id: 's1', name: '1leads', signed: false } as LeadSource;
const key: LeadSourceKey = {
  id: 'k1',
  prefix: 'ls_4f2a',
  createdAt: '2026-12-01T09:30:00Z',
  createdByName: 'Claudia Becker',
};

beforeEach(() => {
  vi.spyOn(intakeApi, 'listKeys').mockResolvedValue([key]);
});

describe('the API keys of a lead source', () => {
  it('shows a new key’s secret once, with the warning, and forgets it when closed', async () => {
    const user = userEvent.setup();
    const create = vi
      .spyOn(intakeApi, 'createKey')
      .mockResolvedValue({ key: { ...key, id: 'k2' }, secret: 'ls_9b1c.geheim' });
    renderWithProviders(<KeysSection source={source} />);
    expect(await screen.findByTestId('key-row')).toHaveTextContent('ls_4f2a…');

    await user.click(screen.getByRole('button', { name: 'Schlüssel erzeugen' }));
    const modal = within(await screen.findByTestId('secret-modal'));
    expect(create).toHaveBeenCalledWith('s1');
    expect(modal.getByTestId('secret-value')).toHaveTextContent('ls_9b1c.geheim');
    expect(modal.getByText(/nur dieses eine Mal angezeigt/)).toBeInTheDocument();
    expect(modal.getByRole('button', { name: 'Kopieren' })).toBeInTheDocument();

    await user.click(modal.getByRole('button', { name: 'Ich habe ihn gespeichert' }));
    await waitFor(() => {
      expect(screen.queryByText('ls_9b1c.geheim')).not.toBeInTheDocument();
    });
  });

  it('revokes a key only after confirming', async () => {
    const user = userEvent.setup();
    const revoke = vi.spyOn(intakeApi, 'revokeKey').mockResolvedValue();
    renderWithProviders(<KeysSection source={source} />);
    await user.click(await screen.findByRole('button', { name: 'Widerrufen' }));
    expect(await screen.findByText(/„ls_4f2a…“ widerrufen\?/)).toBeInTheDocument();
    expect(revoke).not.toHaveBeenCalled();

    const dialog = within(screen.getByRole('dialog'));
    await user.click(dialog.getByRole('button', { name: 'Widerrufen' }));
    await waitFor(() => {
      expect(revoke).toHaveBeenCalledWith('s1', 'k1');
    });
  });
});
