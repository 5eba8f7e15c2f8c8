import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { activitiesApi, adminApi, type Activity } from '../../api';
import { adminMe, fieldMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { MeContext } from '../auth/session';
import { LiveContext } from '../live/hooks';
import { LiveStore } from '../live/store';
import { ActivityFormModal } from './ActivityFormModal';
import { activityKeys } from './hooks';
import { activity, activityType } from './testData';

// The list's copy of the activity, as the agenda hands it to the form.
const listed = activity({
  id: 'a-1',
  title: 'Angebot nachfassen',
  comment: '',
  version: 3,
  assigneeId: adminMe.user.id,
});
// Jonas moves it meanwhile and renames it.
const changedByJonas = { ...listed, title: 'Angebot nachfassen (verschoben)', version: 4 };

function renderEdit() {
  const user = userEvent.setup();
  const onClose = vi.fn();
  const store = new LiveStore();
  const view = renderWithProviders(
    <MeContext value={adminMe}>
      <LiveContext value={store}>
        <ActivityFormModal opened activity={listed} onClose={onClose} />
      </LiveContext>
    </MeContext>,
  );
  /** Jonas's change arrives: the stream reports it and the activity's query reloads (as LiveUpdates makes it do). */
  const changed = (record: Activity) => {
    act(() => {
      store.add([
        {
          id: `${record.version}`,
          topic: 'activity',
          recordId: record.id,
          change: 'updated',
          version: record.version,
          actorId: fieldMe.user.id,
          at: '2026-12-08T10:00:00Z',
        },
      ]);
      view.queryClient.setQueryData(activityKeys.one(record.id), record);
    });
  };
  return { user, onClose, changed };
}

beforeEach(() => {
  vi.restoreAllMocks();
  vi.spyOn(activitiesApi, 'listTypes').mockResolvedValue({ items: [activityType({ id: 'type-call' })], icons: [] });
  vi.spyOn(activitiesApi, 'get').mockResolvedValue(listed);
  vi.spyOn(adminApi, 'listUsers').mockResolvedValue([adminMe.user, fieldMe.user]);
  vi.spyOn(adminApi, 'listUnits').mockResolvedValue([]);
});

const commentField = () => screen.getByLabelText('Kommentar');

describe('the activity form whose activity someone else changes while it is open', () => {
  it('names who changed it; Keep mine sends only what was typed, against the new version', async () => {
    const update = vi
      .spyOn(activitiesApi, 'update')
      .mockImplementation((id, version) => Promise.resolve(activity({ id, version: version + 1 })));
    const { user, onClose, changed } = renderEdit();
    await user.type(await screen.findByLabelText('Kommentar'), 'Rückruf erbeten');

    changed(changedByJonas);
    expect(await screen.findByTestId('edit-conflict')).toHaveTextContent('Geändert von Jonas Schmidt');
    expect(commentField()).toHaveValue('Rückruf erbeten');

    await user.click(screen.getByRole('button', { name: 'Meine behalten' }));
    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    await waitFor(() => {
      expect(onClose).toHaveBeenCalled();
    });
    // The title Jonas gave stays: the form's old title is not sent back.
    expect(update).toHaveBeenCalledWith('a-1', 4, { comment: 'Rückruf erbeten' });
  });

  it('Reload fills the form from the activity as it is now', async () => {
    const { user, changed } = renderEdit();
    await user.type(await screen.findByLabelText('Kommentar'), 'Entwurf');

    changed(changedByJonas);
    await user.click(await screen.findByRole('button', { name: 'Neu laden' }));

    expect(screen.getByLabelText(/Titel/)).toHaveValue('Angebot nachfassen (verschoben)');
    expect(commentField()).toHaveValue('');
    expect(screen.queryByTestId('edit-conflict')).not.toBeInTheDocument();
  });
});
