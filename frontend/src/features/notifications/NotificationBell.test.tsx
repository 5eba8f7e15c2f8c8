import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { act } from 'react';
import { Route, Routes } from 'react-router';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { notificationsApi } from '../../api';
import { ApiError } from '../../api/errors';
import { renderWithProviders } from '../../test/render';
import { NotificationBell } from './NotificationBell';
import { notification, page } from './testData';

const listeners = vi.hoisted(() => new Map<string, (data: unknown) => void>());
vi.mock('../../lib/wailsjs/runtime/runtime', () => ({
  EventsOn: (event: string, callback: (data: unknown) => void) => {
    listeners.set(event, callback);
    return () => listeners.delete(event);
  },
}));

const first = notification();
const won = notification({
  id: 'n2',
  kind: 'deal_won',
  recordType: 'deal',
  recordId: 'd7',
  recordName: 'Kopierer Nord',
  createdAt: '2026-12-08T08:00:00Z',
  read: true,
});

let focused = true;

beforeEach(() => {
  focused = true;
  vi.spyOn(document, 'hasFocus').mockImplementation(() => focused);
  vi.spyOn(notificationsApi, 'showSystem').mockResolvedValue();
});

afterEach(() => {
  listeners.clear();
});

function renderBell() {
  const user = userEvent.setup();
  const view = renderWithProviders(
    <>
      <NotificationBell />
      <Routes>
        <Route path="/" element={<div data-testid="page">Start</div>} />
        <Route path="/leads/:leadId" element={<div data-testid="page">Lead-Seite</div>} />
      </Routes>
    </>,
  );
  return { user, ...view };
}

const bell = () => screen.getByTestId('notification-bell');

/** Sends a batch of change events as the desktop's live helper does. */
function live(topics: string[]) {
  act(() => {
    listeners.get('live:changes')?.(topics.map((topic) => ({ topic, change: 'created', recordId: 'x' })));
  });
}

describe('NotificationBell', () => {
  it('shows the unread count and lists the notifications in German, unread marked', async () => {
    vi.spyOn(notificationsApi, 'list').mockResolvedValue(page([first, won]));
    const { user } = renderBell();

    await waitFor(() => {
      expect(bell()).toHaveAttribute('data-unread', '1');
    });
    expect(bell()).toHaveAccessibleName('Benachrichtigungen, 1 ungelesen');
    await user.click(bell());

    const items = await screen.findAllByTestId('notification-item');
    expect(items.map((i) => within(i).getByTestId('notification-text').textContent)).toEqual([
      'Jonas Weber hat Ihnen den Lead „Wärmepumpe Hamburg“ zugewiesen',
      'Jonas Weber hat den Deal „Kopierer Nord“ gewonnen',
    ]);
    expect(items.map((i) => i.getAttribute('data-read'))).toEqual(['false', 'true']);
  });

  it('opens the record of a clicked notification and marks it read', async () => {
    vi.spyOn(notificationsApi, 'list').mockResolvedValue(page([first, won]));
    const markRead = vi.spyOn(notificationsApi, 'markRead').mockResolvedValue({ unreadCount: 0 });
    const { user } = renderBell();
    await user.click(bell());

    const [lead] = await screen.findAllByTestId('notification-item');
    if (lead === undefined) throw new Error('no notification listed');
    await user.click(lead);

    expect(markRead).toHaveBeenCalledWith(['n1']);
    expect(await screen.findByTestId('page')).toHaveTextContent('Lead-Seite');
    await waitFor(() => {
      expect(bell()).toHaveAttribute('data-unread', '0');
    });
  });

  it('takes a read mark back when the server refuses it', async () => {
    vi.spyOn(notificationsApi, 'list').mockResolvedValue(page([first]));
    vi.spyOn(notificationsApi, 'markRead').mockRejectedValue(
      new ApiError({ status: 503, code: 'service.unavailable', message: 'down', fields: {}, requestId: 'r1' }),
    );
    const { user } = renderBell();
    await user.click(bell());
    await user.click(await screen.findByTestId('notification-item'));

    await waitFor(() => {
      expect(bell()).toHaveAttribute('data-unread', '1');
    });
  });

  it('marks all read', async () => {
    vi.spyOn(notificationsApi, 'list').mockResolvedValue(page([first, notification({ id: 'n3' })]));
    const markAll = vi.spyOn(notificationsApi, 'markAllRead').mockResolvedValue({ unreadCount: 0 });
    const { user } = renderBell();
    await user.click(bell());
    await screen.findAllByTestId('notification-item');

    await user.click(await screen.findByRole('button', { name: 'Alle als gelesen markieren', hidden: true }));

    expect(markAll).toHaveBeenCalled();
    await waitFor(() => {
      expect(screen.getAllByTestId('notification-item').map((i) => i.getAttribute('data-read'))).toEqual([
        'true',
        'true',
      ]);
    });
    expect(bell()).toHaveAttribute('data-unread', '0');
  });

  it('reloads when a change of the notifications arrives, not for other changes', async () => {
    const list = vi.spyOn(notificationsApi, 'list').mockResolvedValue(page([won]));
    renderBell();
    await waitFor(() => {
      expect(listeners.has('live:changes')).toBe(true);
    });
    await waitFor(() => {
      expect(list).toHaveBeenCalledTimes(1);
    });

    live(['deal', 'person']);
    list.mockResolvedValue(page([first, won]));
    live(['deal', 'notification']);

    await waitFor(() => {
      expect(bell()).toHaveAttribute('data-unread', '1');
    });
    expect(list).toHaveBeenCalledTimes(2);
  });

  it('announces a new unread notification by the system while the window is in the background', async () => {
    const list = vi.spyOn(notificationsApi, 'list').mockResolvedValue(page([won]));
    renderBell();
    await waitFor(() => {
      expect(list).toHaveBeenCalledTimes(1);
    });
    await screen.findByTestId('notification-bell');
    await waitFor(() => {
      expect(listeners.has('live:changes')).toBe(true);
    });

    // In the foreground the bell is enough.
    list.mockResolvedValue(page([notification({ id: 'n4', recordName: 'Solar Kiel' }), won]));
    live(['notification']);
    await waitFor(() => {
      expect(bell()).toHaveAttribute('data-unread', '1');
    });
    expect(notificationsApi.showSystem).not.toHaveBeenCalled();

    focused = false;
    list.mockResolvedValue(page([first, notification({ id: 'n4', recordName: 'Solar Kiel' }), won]));
    live(['notification']);
    await waitFor(() => {
      expect(notificationsApi.showSystem).toHaveBeenCalledWith(
        'Lead zugewiesen',
        'Jonas Weber hat Ihnen den Lead „Wärmepumpe Hamburg“ zugewiesen',
      );
    });
    expect(notificationsApi.showSystem).toHaveBeenCalledTimes(1);
  });

  it('announces several new ones in one system notification, and none of those there at the start', async () => {
    focused = false;
    const list = vi.spyOn(notificationsApi, 'list').mockResolvedValue(page([won, notification({ id: 'old' })]));
    renderBell();
    await waitFor(() => {
      expect(bell()).toHaveAttribute('data-unread', '1');
    });
    expect(notificationsApi.showSystem).not.toHaveBeenCalled();

    list.mockResolvedValue(
      page([
        first,
        notification({ id: 'n5', kind: 'deal_lost', recordType: 'deal', recordName: 'Scanner Süd' }),
        won,
        notification({ id: 'old' }),
      ]),
    );
    live(['notification']);
    await waitFor(() => {
      expect(notificationsApi.showSystem).toHaveBeenCalledWith(
        '2 neue Benachrichtigungen',
        'Jonas Weber hat Ihnen den Lead „Wärmepumpe Hamburg“ zugewiesen\nJonas Weber hat den Deal „Scanner Süd“ verloren',
      );
    });
  });

  it('shows a reminder of an activity due soon in the focused window, also one there at the start, once each', async () => {
    const soon = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
    const due = (id: string, name: string, minutes: number) =>
      notification({
        id,
        kind: 'activity_due',
        recordType: 'activity',
        recordId: `a-${id}`,
        recordName: name,
        actorName: '',
        dueAt: soon(minutes),
      });
    const list = vi
      .spyOn(notificationsApi, 'list')
      .mockResolvedValue(page([due('d1', 'Rückruf Müller', 10), due('old', 'Gestern fällig', -24 * 60), won]));
    renderBell();
    const first = await screen.findByTestId('due-soon-notice');
    expect(first).toHaveAttribute('data-title', 'Rückruf Müller');
    expect(first).toHaveTextContent(/Aktivität „Rückruf Müller“ ist in (9|10) Minuten fällig/);
    expect(within(first).getByRole('link', { name: 'Offene Aktivitäten öffnen' })).toHaveAttribute(
      'href',
      expect.stringContaining('#/activities'),
    );

    list.mockResolvedValue(page([due('d2', 'Termin Kiel', 5), due('d1', 'Rückruf Müller', 10), won]));
    live(['notification']);
    await waitFor(() => {
      expect(screen.getAllByTestId('due-soon-notice')).toHaveLength(2);
    });
    // Neither a reminder long past nor a repeated one, and the system is not asked while the window has the focus.
    expect(screen.getAllByTestId('due-soon-notice').map((n) => n.getAttribute('data-title'))).toEqual(
      expect.arrayContaining(['Rückruf Müller', 'Termin Kiel']),
    );
    expect(screen.queryByText(/Gestern fällig/)).not.toBeInTheDocument();
    expect(notificationsApi.showSystem).not.toHaveBeenCalled();
  });
});
