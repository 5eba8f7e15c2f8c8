import { act, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { adminApi, recordsApi, salesApi, type ChangeEvent, type Deal } from '../../api';
import { adminMe, fieldMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { MeContext } from '../auth/session';
import { recordKeys } from '../records/keys';
import { DealFormModal } from '../sales/DealFormModal';
import { useDeal } from '../sales/hooks';
import { deal, pipeline } from '../sales/testData';
import { conflictOf } from './editConflict';
import { LiveContext } from './hooks';
import { LiveStore, type RecordChange } from './store';

describe('conflictOf', () => {
  const me = 'user-claudia';
  const by = (version: number, actorId: string, kind: RecordChange['change'] = 'updated'): RecordChange => ({
    version,
    actorId,
    change: kind,
  });
  it.each<[string, RecordChange[], number, number, number]>([
    ['nothing changed', [], 3, 3, 0],
    ['my own change in another window is accepted', [by(4, me)], 3, 4, 0],
    ['someone else’s change is not', [by(4, 'user-jonas')], 3, 3, 1],
    ['mine after someone else’s: still theirs to decide on', [by(4, 'user-jonas'), by(5, me)], 3, 3, 1],
    ['a change by the system counts as someone else’s', [by(4, '')], 3, 3, 1],
    ['what was agreed to no longer counts', [by(4, 'user-jonas'), by(5, me)], 4, 5, 0],
    ['a deletion is the page’s matter, not the form’s', [by(4, 'user-jonas', 'deleted')], 3, 3, 0],
  ])('%s', (_name, changes, agreed, version, others) => {
    const got = conflictOf(changes, agreed, me);
    expect(got.version).toBe(version);
    expect(got.others).toHaveLength(others);
  });
});

/** The deal's page as the detail page has it: loaded by its query, which the change stream reloads. */
function EditedDeal({ onClose }: { onClose: () => void }) {
  const query = useDeal('d-1');
  return query.data ? <DealFormModal opened deal={query.data} onClose={onClose} /> : null;
}

// A deal needs a person or an organisation; this one's is hidden from the user, which asks the server nothing.
const loaded = deal({
  id: 'd-1',
  title: 'Rahmenvertrag Kopierer',
  value: '12500.00',
  organizationHidden: true,
  version: 3,
});
// Jonas renames the deal meanwhile.
const renamed = { ...loaded, title: 'Rahmenvertrag Kopierer 2027', version: 4 };

function renderEdit() {
  const user = userEvent.setup();
  const onClose = vi.fn();
  const store = new LiveStore();
  const view = renderWithProviders(
    <MeContext value={adminMe}>
      <LiveContext value={store}>
        <EditedDeal onClose={onClose} />
      </LiveContext>
    </MeContext>,
  );
  /** Another change arrives: the stream reports it, the page reloads the record (as LiveUpdates makes it do). */
  const changed = (record: Deal, actorId: string | null) => {
    act(() => {
      if (actorId !== null) {
        const event: ChangeEvent = {
          id: `${record.version}`,
          topic: 'deal',
          recordId: record.id,
          change: 'updated',
          version: record.version,
          actorId,
          at: '2026-12-08T10:00:00Z',
        };
        store.add([event]);
      }
      view.queryClient.setQueryData(recordKeys.detail('deal', record.id), record);
    });
  };
  return { user, onClose, changed };
}

beforeEach(() => {
  vi.restoreAllMocks();
  vi.spyOn(recordsApi, 'listCustomFields').mockResolvedValue([]);
  vi.spyOn(salesApi, 'listPipelines').mockResolvedValue([pipeline]);
  vi.spyOn(salesApi, 'getDeal').mockResolvedValue(loaded);
  vi.spyOn(adminApi, 'listUsers').mockResolvedValue([adminMe.user, fieldMe.user]);
});

const valueField = () => screen.getByLabelText('Wert');
const titleField = () => screen.getByLabelText(/Titel/);

describe('an edit form whose record changes while it is open', () => {
  it('names who changed it; Keep mine saves what was typed against the new version, leaving their change', async () => {
    const update = vi
      .spyOn(salesApi, 'updateDeal')
      .mockImplementation((id, version) => Promise.resolve(deal({ id, version: version + 1 })));
    const { user, onClose, changed } = renderEdit();
    await user.clear(await screen.findByLabelText('Wert'));
    await user.type(valueField(), '13000');

    changed(renamed, fieldMe.user.id);
    const notice = await screen.findByTestId('edit-conflict');
    expect(notice).toHaveTextContent('Geändert von Jonas Schmidt');
    expect(valueField()).toHaveValue('13000');

    await user.click(screen.getByRole('button', { name: 'Meine behalten' }));
    expect(screen.queryByTestId('edit-conflict')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    await waitFor(() => {
      expect(onClose).toHaveBeenCalled();
    });
    // Against version 4, and only the value: the title Jonas gave stays.
    expect(update).toHaveBeenCalledWith('d-1', 4, { value: '13000.00' });
  });

  it('Reload fills the form from the record as it is now', async () => {
    const { user, changed } = renderEdit();
    await user.type(await screen.findByLabelText(/Titel/), ' (mein Entwurf)');

    changed(renamed, fieldMe.user.id);
    await user.click(await screen.findByRole('button', { name: 'Neu laden' }));

    expect(titleField()).toHaveValue('Rahmenvertrag Kopierer 2027');
    expect(screen.queryByTestId('edit-conflict')).not.toBeInTheDocument();
  });

  it('says nothing of the user’s own change in another window and saves over it', async () => {
    const update = vi
      .spyOn(salesApi, 'updateDeal')
      .mockImplementation((id, version) => Promise.resolve(deal({ id, version: version + 1 })));
    const { user, onClose, changed } = renderEdit();
    await user.clear(await screen.findByLabelText('Wert'));
    await user.type(valueField(), '13000');

    changed(renamed, adminMe.user.id);
    await waitFor(() => {
      expect(titleField()).toBeInTheDocument();
    });
    expect(screen.queryByTestId('edit-conflict')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    await waitFor(() => {
      expect(onClose).toHaveBeenCalled();
    });
    expect(update).toHaveBeenCalledWith('d-1', 4, { value: '13000.00' });
  });

  it('does not save over a change the stream did not report: the save goes against the version loaded', async () => {
    const update = vi
      .spyOn(salesApi, 'updateDeal')
      .mockImplementation((id, version) => Promise.resolve(deal({ id, version: version + 1 })));
    const { user, onClose, changed } = renderEdit();
    await user.clear(await screen.findByLabelText('Wert'));
    await user.type(valueField(), '13000');

    changed(renamed, null);
    await user.click(screen.getByRole('button', { name: 'Speichern' }));

    await waitFor(() => {
      expect(onClose).toHaveBeenCalled();
    });
    // The server answers a stale version with 412 (mocked here as a success): nothing is silently overwritten.
    expect(update).toHaveBeenCalledWith('d-1', 3, { value: '13000.00' });
  });
});
