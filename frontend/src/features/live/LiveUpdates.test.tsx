import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { adminApi, recordsApi, salesApi, sessionApi, type ChangeEvent } from '../../api';
import { adminMe, fieldMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { clearListeners, emit } from '../../test/wailsEvents';
import { MeContext, sessionKey } from '../auth/session';
import { recordKeys } from '../records/keys';
import { DealDetailPage } from '../sales/DealDetailPage';
import { deal } from '../sales/testData';
import { adminKeys } from '../settings/queries';
import { LiveStatusIndicator } from './LiveStatusIndicator';
import { LiveUpdates } from './LiveUpdates';

// The change stream as the desktop forwards it (Wails events).
vi.mock('../../lib/wailsjs/runtime/runtime', () => import('../../test/wailsEvents'));

const deleted: ChangeEvent = {
  id: '7',
  topic: 'deal',
  recordId: 'd-1',
  change: 'deleted',
  version: 4,
  actorId: fieldMe.user.id,
  at: '2026-12-08T10:00:00Z',
};

function renderLive(route = '/') {
  return renderWithProviders(
    <MeContext value={adminMe}>
      <LiveUpdates>
        <LiveStatusIndicator />
        <Routes>
          <Route path="/" element={null} />
          <Route path="/deals/:dealId" element={<DealDetailPage />} />
        </Routes>
      </LiveUpdates>
    </MeContext>,
    { route },
  );
}

beforeEach(() => {
  vi.restoreAllMocks();
  clearListeners();
  vi.spyOn(sessionApi, 'live').mockResolvedValue({ status: 'reconnecting' });
  vi.spyOn(adminApi, 'listUsers').mockResolvedValue([adminMe.user, fieldMe.user]);
  vi.spyOn(recordsApi, 'openRecord').mockResolvedValue();
  vi.spyOn(recordsApi, 'leaveRecord').mockResolvedValue();
  vi.spyOn(recordsApi, 'presence').mockResolvedValue([]);
});

describe('LiveUpdates', () => {
  it('shows the stream’s state as the desktop tells it', async () => {
    vi.spyOn(sessionApi, 'live').mockResolvedValue({ status: 'connected' });
    renderLive();
    expect(await screen.findByText('Live')).toBeInTheDocument();
    emit('live:status', 'reconnecting');
    expect(screen.getByTestId('live-status')).toHaveAttribute('data-status', 'reconnecting');
    expect(screen.getByTestId('live-status')).toHaveTextContent('Verbindet');
  });

  it('reloads what a batch of changes touches, and everything but the session on a resync', async () => {
    const { queryClient } = renderLive();
    const list = recordKeys.list('deal', {} as never);
    const users = adminKeys.users;
    for (const key of [list, users, sessionKey]) queryClient.setQueryData(key, 1);

    emit('live:changes', [{ ...deleted, recordId: 'd-2', change: 'updated' }]);
    await vi.waitFor(() => {
      expect(queryClient.getQueryState(list)?.isInvalidated).toBe(true);
    });
    expect(queryClient.getQueryState(users)?.isInvalidated).toBe(false);

    emit('live:resync');
    await vi.waitFor(() => {
      expect(queryClient.getQueryState(users)?.isInvalidated).toBe(true);
    });
    expect(queryClient.getQueryState(sessionKey)?.isInvalidated).toBe(false);
  });

  it('says on an open page that its record was deleted, and by whom, instead of an error', async () => {
    vi.spyOn(salesApi, 'getDeal').mockResolvedValue(deal({ id: 'd-1', title: 'Rahmenvertrag Kopierer' }));
    renderLive('/deals/d-1');
    expect(await screen.findByTestId('record-title')).toHaveTextContent('Rahmenvertrag Kopierer');

    emit('live:changes', [deleted]);
    expect(await screen.findByText('Dieser Datensatz wurde von Jonas Schmidt gelöscht.')).toBeInTheDocument();
    expect(screen.queryByTestId('record-title')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Zurück zu den Deals|Deals/ })).toBeInTheDocument();
  });

  it('says that a record left the user’s sight', async () => {
    vi.spyOn(salesApi, 'getDeal').mockResolvedValue(deal({ id: 'd-1' }));
    renderLive('/deals/d-1');
    await screen.findByTestId('record-title');

    emit('live:changes', [{ ...deleted, change: 'removed' }]);
    expect(await screen.findByTestId('record-gone')).toHaveAttribute('data-change', 'removed');
    expect(screen.getByText('Nicht mehr sichtbar')).toBeInTheDocument();
  });

  it('still gives the notice and the way back when the stream reports a deletion made here before its answer', async () => {
    vi.spyOn(salesApi, 'getDeal').mockResolvedValue(deal({ id: 'd-1', title: 'Rahmenvertrag Kopierer' }));
    let answer: () => void = () => undefined;
    vi.spyOn(salesApi, 'deleteDeal').mockImplementation(
      () =>
        new Promise<void>((resolve) => {
          answer = resolve;
        }),
    );
    const user = userEvent.setup();
    renderLive('/deals/d-1');
    await user.click(await screen.findByRole('button', { name: 'Löschen' }));
    await user.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Löschen' }));

    emit('live:changes', [{ ...deleted, actorId: adminMe.user.id }]);
    expect(await screen.findByTestId('record-gone')).toBeInTheDocument();
    act(() => {
      answer();
    });
    expect(await screen.findByTestId('deleted-notification')).toHaveTextContent('Rahmenvertrag Kopierer');
  });
});
