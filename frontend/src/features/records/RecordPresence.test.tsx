import { fireEvent, screen, waitFor } from '@testing-library/react';
import { act, useState } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { recordsApi, type ChangeEvent, type PresenceUser } from '../../api';
import { changeLanguage } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { PRESENCE_RENEWAL_MS, RecordPresence } from './RecordPresence';

const listeners = vi.hoisted(() => new Map<string, (data: unknown) => void>());
vi.mock('../../lib/wailsjs/runtime/runtime', () => ({
  EventsOn: (event: string, callback: (data: unknown) => void) => {
    listeners.set(event, callback);
    return () => listeners.delete(event);
  },
}));

const jonas: PresenceUser = { id: 'u1', name: 'Jonas Weber' };
const lena: PresenceUser = { id: 'u2', name: 'Lena Fischer' };
const sabine: PresenceUser = { id: 'u3', name: 'Sabine Wagner' };
const markus: PresenceUser = { id: 'u4', name: 'Markus Weber' };

function live(...changes: Partial<ChangeEvent>[]) {
  act(() => {
    listeners.get('live:changes')?.(changes.map((c, i) => ({ id: String(i), change: 'created', topic: 'deal', ...c })));
  });
}

/** A page that shows deal d1, then d2 (the next record of the same kind, on the same page). */
function NextRecord() {
  const [id, setId] = useState('d1');
  return (
    <>
      <button
        type="button"
        onClick={() => {
          setId('d2');
        }}
      >
        next
      </button>
      <RecordPresence recordType="deal" recordId={id} />
    </>
  );
}

let open: MockInstance<typeof recordsApi.openRecord>;
let leave: MockInstance<typeof recordsApi.leaveRecord>;
let presence: MockInstance<typeof recordsApi.presence>;

beforeEach(() => {
  open = vi.spyOn(recordsApi, 'openRecord').mockResolvedValue();
  leave = vi.spyOn(recordsApi, 'leaveRecord').mockResolvedValue();
  presence = vi.spyOn(recordsApi, 'presence').mockResolvedValue([]);
});

afterEach(async () => {
  vi.useRealTimers();
  await changeLanguage('de');
});

describe('RecordPresence', () => {
  it('opens the record for this desktop and shows nothing while nobody else has it open', async () => {
    renderWithProviders(<RecordPresence recordType="deal" recordId="d1" />);

    await waitFor(() => {
      expect(presence).toHaveBeenCalledWith('deal', 'd1');
    });
    expect(open).toHaveBeenCalledWith('deal', 'd1');
    expect(screen.queryByTestId('record-presence')).not.toBeInTheDocument();
  });

  it('names the others, joined as the language joins a list', async () => {
    presence.mockResolvedValue([jonas]);
    const { unmount } = renderWithProviders(<RecordPresence recordType="person" recordId="p1" />);
    expect(await screen.findByTestId('record-presence-names')).toHaveTextContent(
      /^Ebenfalls geöffnet von Jonas Weber$/,
    );
    unmount();

    presence.mockResolvedValue([jonas, lena, sabine, markus]);
    renderWithProviders(<RecordPresence recordType="person" recordId="p2" />);
    expect(await screen.findByTestId('record-presence-names')).toHaveTextContent(
      /^Ebenfalls geöffnet von Jonas Weber, Lena Fischer, Sabine Wagner und Markus Weber$/,
    );
    // Three avatars and the count of the rest.
    expect(screen.getByTestId('record-presence')).toHaveTextContent(/^JWLFSW\+1/);
  });

  it('speaks English on request', async () => {
    await changeLanguage('en');
    presence.mockResolvedValue([jonas, lena]);
    renderWithProviders(<RecordPresence recordType="lead" recordId="l1" />);

    expect(await screen.findByTestId('record-presence-names')).toHaveTextContent(
      /^Also open: Jonas Weber and Lena Fischer$/,
    );
  });

  it('asks again on a live presence change of this record, and not on other changes', async () => {
    renderWithProviders(<RecordPresence recordType="deal" recordId="d1" />);
    await waitFor(() => {
      expect(presence).toHaveBeenCalledTimes(1);
    });
    expect(listeners.has('live:changes')).toBe(true);

    presence.mockResolvedValue([lena]);
    live(
      { topic: 'presence', parentType: 'deal', parentId: 'd2' },
      { topic: 'note', parentType: 'deal', parentId: 'd1' },
      { topic: 'deal', recordId: 'd1', change: 'updated' },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(presence).toHaveBeenCalledTimes(1);
    expect(screen.queryByTestId('record-presence')).not.toBeInTheDocument();

    live({ topic: 'presence', parentType: 'deal', parentId: 'd1', change: 'created' });
    expect(await screen.findByTestId('record-presence-names')).toHaveTextContent('Lena Fischer');
    expect(presence).toHaveBeenCalledTimes(2);

    // Someone leaves: the line goes.
    presence.mockResolvedValue([]);
    live({ topic: 'presence', parentType: 'deal', parentId: 'd1', change: 'deleted' });
    await waitFor(() => {
      expect(screen.queryByTestId('record-presence')).not.toBeInTheDocument();
    });
  });

  it('renews the record every 30 seconds, asks again as a fallback, and leaves it when the page goes', async () => {
    // Only the intervals are fake (testing-library's waitFor polls with one): settle lets the calls they started
    // and their answers through with a real timeout.
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const settle = () =>
      act(async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
      });
    const { unmount } = renderWithProviders(<RecordPresence recordType="organization" recordId="o1" />);
    await settle();
    expect(open).toHaveBeenCalledTimes(1);
    expect(presence).toHaveBeenCalledTimes(1);

    presence.mockResolvedValue([jonas]);
    act(() => {
      vi.advanceTimersByTime(PRESENCE_RENEWAL_MS - 1);
    });
    await settle();
    expect(open).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    await settle();
    expect(open).toHaveBeenCalledTimes(2);
    expect(presence).toHaveBeenCalledTimes(2);
    expect(screen.getByTestId('record-presence-names')).toHaveTextContent('Jonas Weber');
    expect(leave).not.toHaveBeenCalled();

    unmount();
    await settle();
    expect(leave).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(3 * PRESENCE_RENEWAL_MS);
    });
    await settle();
    expect(open).toHaveBeenCalledTimes(2);
    expect(presence).toHaveBeenCalledTimes(2);
    expect(listeners.has('live:changes')).toBe(false);
  });

  it('leaves one record before it opens the next, in that order, even when leaving is slow', async () => {
    const calls: string[] = [];
    let finishLeave: () => void = () => undefined;
    leave.mockImplementation(
      () =>
        new Promise<void>((resolve) => {
          calls.push('leave');
          finishLeave = resolve;
        }),
    );
    open.mockImplementation((_recordType, id) => {
      calls.push(`open ${id}`);
      return Promise.resolve();
    });
    renderWithProviders(<NextRecord />);
    await waitFor(() => {
      expect(calls).toEqual(['open d1']);
    });

    fireEvent.click(screen.getByRole('button', { name: 'next' }));
    await waitFor(() => {
      expect(calls).toEqual(['open d1', 'leave']);
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(calls).toEqual(['open d1', 'leave']);
    finishLeave();
    await waitFor(() => {
      expect(calls).toEqual(['open d1', 'leave', 'open d2']);
    });
  });
});
