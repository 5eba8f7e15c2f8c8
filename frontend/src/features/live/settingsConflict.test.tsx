import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { Route, Routes } from 'react-router';
import { beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import {
  ACTIVITY_ICONS,
  activitiesApi,
  activityAdminApi,
  adminApi,
  intakeApi,
  recordsApi,
  salesAdminApi,
  salesApi,
  sessionApi,
  type ChangeEvent,
  type ChangeTopic,
  type CustomField,
  type LeadSource,
  type LostReason,
  type Pipeline,
  type Role,
  type SavedFilter,
  type Unit,
  type User,
} from '../../api';
import { adminMe, adminRole, fieldMe, fieldRole } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { clearListeners, emit } from '../../test/wailsEvents';
import { activityType } from '../activities/testData';
import { MeContext } from '../auth/session';
import { LeadSourcePage } from '../intake/settings/LeadSourcePage';
import { SavedFilters } from '../records/list/SavedFilters';
import { emptyListQuery } from '../records/list/filterState';
import { pipeline } from '../sales/testData';
import { ActivityTypesPage } from '../settings/activityTypes/ActivityTypesPage';
import { CustomFieldsPage } from '../settings/customFields/CustomFieldsPage';
import { RolesPage } from '../settings/roles/RolesPage';
import { LostReasonsPage } from '../settings/sales/LostReasonsPage';
import { PipelinesPage } from '../settings/sales/PipelinesPage';
import { UnitsPage } from '../settings/units/UnitsPage';
import { UsersPage } from '../settings/users/UsersPage';
import { LiveUpdates } from './LiveUpdates';

// The change stream as the desktop forwards it (Wails events).
vi.mock('../../lib/wailsjs/runtime/runtime', () => import('../../test/wailsEvents'));

interface Versioned {
  id: string;
  version: number;
}

type User$ = ReturnType<typeof userEvent.setup>;

/**
 * One settings form whose record someone else changes while it is open. The record's name (or label) is what the
 * admin types; Jonas's change renames it and changes one more field, which Keep mine must leave as Jonas set it.
 */
interface ConflictCase {
  name: string;
  topic: ChangeTopic;
  id: string;
  page: ReactElement;
  route?: string;
  /** Opens the edit form (from the page's list). */
  open: (user: User$) => Promise<void>;
  formTestId: string;
  /** The field typed in, by its label. */
  field: RegExp;
  loadedName: string;
  theirName: string;
  theirVersion: number;
  /** The patch Keep mine sends: the typed field alone. */
  patch: (typed: string) => object;
  /** Serves the record through the page's query: loaded first, Jonas's after his change. */
  serve: () => { change: () => Versioned; update: MockInstance };
}

/** A case for a record type: the list (or record) API answers with current(); update answers with the next version. */
function conflictCase<T extends Versioned>(c: {
  name: string;
  topic: ChangeTopic;
  loaded: T;
  theirs: T;
  nameOf: (record: T) => string;
  serve: (current: () => T) => void;
  update: () => MockInstance<(id: string, version: number, patch: never) => Promise<T>>;
  page: ReactElement;
  route?: string;
  open: (user: User$) => Promise<void>;
  formTestId: string;
  field: RegExp;
  patch: (typed: string) => object;
}): ConflictCase {
  return {
    name: c.name,
    topic: c.topic,
    id: c.loaded.id,
    page: c.page,
    route: c.route,
    open: c.open,
    formTestId: c.formTestId,
    field: c.field,
    loadedName: c.nameOf(c.loaded),
    theirName: c.nameOf(c.theirs),
    theirVersion: c.theirs.version,
    patch: c.patch,
    serve: () => {
      let current = c.loaded;
      c.serve(() => current);
      const update = c
        .update()
        .mockImplementation((_id, version) => Promise.resolve({ ...current, version: version + 1 }));
      return {
        change: () => {
          current = c.theirs;
          return current;
        },
        update,
      };
    },
  };
}

const stamp = { createdAt: '2026-12-01T09:00:00Z', updatedAt: '2026-12-01T09:00:00Z' };

const root: Unit = { id: 'unit-root', name: 'Vertriebsleitung', version: 1, ...stamp };
const south: Unit = { id: 'unit-sued', name: 'Süd', parentId: 'unit-root', version: 1, ...stamp };
const north: Unit = { id: 'unit-nord', name: 'Nord', parentId: 'unit-root', version: 2, ...stamp };
const anna: User = {
  id: 'user-anna',
  email: 'anna.berg@nordlicht.example',
  name: 'Anna Berg',
  unitId: 'unit-root',
  roleId: 'role-field',
  active: true,
  version: 2,
  ...stamp,
};
const leadPipeline: Pipeline = { ...pipeline, id: 'pl-lead', recordType: 'lead', name: 'Leads' };
const reason: LostReason = {
  id: 'lr-1',
  recordType: 'deal',
  name: 'Preis zu hoch',
  description: '',
  archived: false,
  version: 1,
  ...stamp,
};
const branch: CustomField = {
  id: 'cf-1',
  recordType: 'person',
  label: 'Branche',
  kind: 'text',
  required: false,
  position: 1,
  archived: false,
  version: 1,
  ...stamp,
};
const call = activityType();
const customers: SavedFilter = {
  id: 'sf-1',
  recordType: 'person',
  name: 'Meine Kunden',
  query: emptyListQuery(),
  shared: false,
  ownerId: adminMe.user.id,
  ownerName: adminMe.user.name,
  version: 1,
  ...stamp,
};
const source: LeadSource = {
  id: 'ls-1',
  name: '1leads',
  active: true,
  pipelineId: 'pl-lead',
  stageId: '',
  fallbackOwnerId: adminMe.user.id,
  fallbackOwnerName: adminMe.user.name,
  mapping: [{ from: 'Firma', to: 'company' }],
  rules: [],
  signed: false,
  rateLimit: 120,
  version: 3,
  ...stamp,
};

const inMenu = (actions: string, item: string) => async (user: User$) => {
  await user.click(await screen.findByRole('button', { name: actions }));
  await user.click(await screen.findByRole('menuitem', { name: item, hidden: true }));
};
const byButton = (name: string) => async (user: User$) => {
  await user.click(await screen.findByRole('button', { name }));
};

const CASES: ConflictCase[] = [
  conflictCase({
    name: 'a unit renamed',
    topic: 'unit',
    loaded: north,
    theirs: { ...north, name: 'Nord-Ost', parentId: 'unit-sued', version: 3 },
    nameOf: (unit) => unit.name,
    serve: (current) =>
      vi.spyOn(adminApi, 'listUnits').mockImplementation(() => Promise.resolve([root, current(), south])),
    update: () => vi.spyOn(adminApi, 'updateUnit'),
    page: <UnitsPage />,
    open: inMenu('Aktionen für Nord', 'Umbenennen'),
    formTestId: 'unit-form',
    field: /^Name/,
    patch: (name) => ({ name }),
  }),
  conflictCase({
    name: 'a role',
    topic: 'role',
    loaded: fieldRole,
    theirs: {
      ...fieldRole,
      name: 'Außendienst Nord',
      grants: [...fieldRole.grants, { recordType: 'lead', action: 'view', scope: 'all' }],
      version: 4,
    },
    nameOf: (role: Role) => role.name,
    serve: (current) =>
      vi.spyOn(adminApi, 'listRoles').mockImplementation(() => Promise.resolve([adminRole, current()])),
    update: () => vi.spyOn(adminApi, 'updateRole'),
    page: <RolesPage />,
    open: byButton('„Außendienst“ bearbeiten'),
    formTestId: 'role-form',
    field: /^Name/,
    patch: (name) => ({ name }),
  }),
  conflictCase({
    name: 'a user',
    topic: 'user',
    loaded: anna,
    theirs: { ...anna, name: 'Anna Berg-Meier', roleId: 'role-admin', version: 3 },
    nameOf: (user) => user.name,
    serve: (current) =>
      vi
        .spyOn(adminApi, 'listUsers')
        .mockImplementation(() => Promise.resolve([adminMe.user, fieldMe.user, current()])),
    update: () => vi.spyOn(adminApi, 'updateUser'),
    page: <UsersPage />,
    open: inMenu('Aktionen für Anna Berg', 'Bearbeiten'),
    formTestId: 'user-form',
    field: /^Name/,
    patch: (name) => ({ name }),
  }),
  conflictCase({
    name: 'a pipeline',
    topic: 'pipeline',
    loaded: pipeline,
    theirs: {
      ...pipeline,
      name: 'Vertrieb DACH',
      stages: pipeline.stages.map((stage, index) => (index === 0 ? { ...stage, probability: 30 } : stage)),
      version: 2,
    },
    nameOf: (pipeline) => pipeline.name,
    serve: (current) =>
      vi
        .spyOn(salesApi, 'listPipelines')
        .mockImplementation((recordType) => Promise.resolve(recordType === 'deal' ? [current()] : [leadPipeline])),
    update: () => vi.spyOn(salesAdminApi, 'updatePipeline'),
    page: <PipelinesPage />,
    open: byButton('Bearbeiten'),
    formTestId: 'pipeline-form',
    field: /^Name/,
    patch: (name) => ({ name }),
  }),
  conflictCase({
    name: 'a lost reason',
    topic: 'lost_reason',
    loaded: reason,
    theirs: { ...reason, name: 'Preis', description: 'Zu teuer im Vergleich', version: 2 },
    nameOf: (reason) => reason.name,
    serve: (current) =>
      vi
        .spyOn(salesApi, 'listLostReasons')
        .mockImplementation((recordType) => Promise.resolve(recordType === 'deal' ? [current()] : [])),
    update: () => vi.spyOn(salesAdminApi, 'updateLostReason'),
    page: <LostReasonsPage />,
    open: byButton('Bearbeiten: Preis zu hoch'),
    formTestId: 'lost-reason-form',
    field: /^Name/,
    patch: (name) => ({ name }),
  }),
  conflictCase({
    name: 'a custom field',
    topic: 'custom_field',
    loaded: branch,
    theirs: { ...branch, label: 'Branche (NACE)', required: true, version: 2 },
    nameOf: (field) => field.label,
    serve: (current) =>
      vi
        .spyOn(recordsApi, 'listCustomFields')
        .mockImplementation((recordType) => Promise.resolve(recordType === 'person' ? [current()] : [])),
    update: () => vi.spyOn(adminApi, 'updateCustomField'),
    page: <CustomFieldsPage />,
    open: byButton('„Branche“ umbenennen'),
    formTestId: 'custom-field-form',
    field: /^Bezeichnung/,
    patch: (label) => ({ label }),
  }),
  conflictCase({
    name: 'an activity type',
    topic: 'activity_type',
    loaded: call,
    theirs: { ...call, name: 'Telefonat', color: '#fa5252', version: 2 },
    nameOf: (type) => type.name,
    serve: (current) =>
      vi
        .spyOn(activitiesApi, 'listTypes')
        .mockImplementation(() => Promise.resolve({ items: [current()], icons: [...ACTIVITY_ICONS] })),
    update: () => vi.spyOn(activityAdminApi, 'updateType'),
    page: <ActivityTypesPage />,
    open: byButton('„Anruf“ bearbeiten'),
    formTestId: 'activity-type-form',
    field: /^Name/,
    patch: (name) => ({ name }),
  }),
  conflictCase({
    name: 'a saved filter',
    topic: 'saved_filter',
    loaded: customers,
    theirs: { ...customers, name: 'Kunden Nord', shared: true, version: 2 },
    nameOf: (filter) => filter.name,
    serve: (current) => vi.spyOn(recordsApi, 'listSavedFilters').mockImplementation(() => Promise.resolve([current()])),
    update: () => vi.spyOn(recordsApi, 'updateSavedFilter'),
    page: (
      <SavedFilters recordType="person" savedId="sf-1" query={emptyListQuery()} onLoad={vi.fn()} onClear={vi.fn()} />
    ),
    open: inMenu('Aktionen für den Filter „Meine Kunden“', 'Umbenennen und freigeben'),
    formTestId: 'saved-filter-form',
    field: /^Name/,
    patch: (name) => ({ name }),
  }),
  conflictCase({
    name: 'a lead source',
    topic: 'lead_source',
    loaded: source,
    theirs: { ...source, name: '1leads GmbH', rateLimit: 60, version: 4 },
    nameOf: (source) => source.name,
    serve: (current) => vi.spyOn(intakeApi, 'getSource').mockImplementation(() => Promise.resolve(current())),
    update: () => vi.spyOn(intakeApi, 'updateSource'),
    page: (
      <Routes>
        <Route path="/settings/lead-sources/:sourceId" element={<LeadSourcePage />} />
      </Routes>
    ),
    route: '/settings/lead-sources/ls-1',
    open: () => Promise.resolve(),
    formTestId: 'lead-source-form',
    field: /^Name/,
    patch: (name) => ({ name }),
  }),
];

/** The stream reports a change of the record by actorId ('' for the system). */
function reported(topic: ChangeTopic, record: Versioned, actorId: string) {
  const event: ChangeEvent = {
    id: `${topic}-${record.version}`,
    topic,
    recordId: record.id,
    change: 'updated',
    version: record.version,
    actorId,
    at: '2026-12-08T10:00:00Z',
  };
  emit('live:changes', [event]);
}

function renderCase(c: ConflictCase) {
  const user = userEvent.setup();
  const served = c.serve();
  renderWithProviders(
    <MeContext value={adminMe}>
      <LiveUpdates>{c.page}</LiveUpdates>
    </MeContext>,
    { route: c.route },
  );
  const form = () => within(screen.getByTestId(c.formTestId));
  const field = () => form().getByLabelText(c.field);
  /** Jonas changes the record: the list reloads it, as the stream tells the page to. */
  const jonasChanges = () => {
    reported(c.topic, served.change(), fieldMe.user.id);
  };
  return { user, form, field, jonasChanges, update: served.update };
}

beforeEach(() => {
  vi.restoreAllMocks();
  clearListeners();
  vi.spyOn(sessionApi, 'live').mockResolvedValue({ status: 'connected' });
  vi.spyOn(adminApi, 'listUsers').mockResolvedValue([adminMe.user, fieldMe.user]);
  vi.spyOn(adminApi, 'listUnits').mockResolvedValue([root]);
  vi.spyOn(adminApi, 'listRoles').mockResolvedValue([adminRole, fieldRole]);
  vi.spyOn(salesApi, 'listPipelines').mockImplementation((recordType) =>
    Promise.resolve(recordType === 'deal' ? [pipeline] : [leadPipeline]),
  );
  vi.spyOn(recordsApi, 'listCustomFields').mockResolvedValue([]);
  vi.spyOn(intakeApi, 'listKeys').mockResolvedValue([]);
  vi.spyOn(intakeApi, 'deliveries').mockResolvedValue([]);
});

describe.each(CASES)('the edit form of $name, changed by someone else while it is open', (c) => {
  it('says who changed it and keeps what was typed; Keep mine saves it against the new version, only that field', async () => {
    const { user, form, field, jonasChanges, update } = renderCase(c);
    await c.open(user);
    await waitFor(() => {
      expect(field()).toHaveValue(c.loadedName);
    });
    await user.clear(field());
    await user.type(field(), 'Mein Name');

    jonasChanges();
    const notice = await form().findByTestId('edit-conflict');
    expect(notice).toHaveTextContent('Geändert von Jonas Schmidt');
    expect(field()).toHaveValue('Mein Name');

    await user.click(form().getByRole('button', { name: 'Meine behalten' }));
    expect(form().queryByTestId('edit-conflict')).not.toBeInTheDocument();
    await user.click(form().getByRole('button', { name: 'Speichern' }));

    // Against Jonas's version, and only the name: the other field he changed stays as he set it.
    await waitFor(() => {
      expect(update).toHaveBeenCalledWith(c.id, c.theirVersion, c.patch('Mein Name'));
    });
    expect(update).toHaveBeenCalledTimes(1);
  });

  it('Reload fills the form with the record as it is now', async () => {
    const { user, form, field, jonasChanges } = renderCase(c);
    await c.open(user);
    await waitFor(() => {
      expect(field()).toHaveValue(c.loadedName);
    });
    await user.type(field(), ' (mein Entwurf)');

    jonasChanges();
    await user.click(await form().findByRole('button', { name: 'Neu laden' }));

    expect(field()).toHaveValue(c.theirName);
    expect(form().queryByTestId('edit-conflict')).not.toBeInTheDocument();
  });
});

describe('the lead source page', () => {
  const leadSourceCase = CASES.find((c) => c.topic === 'lead_source');
  if (!leadSourceCase) throw new Error('no lead source case');

  it('with nothing typed, shows someone else’s change without asking', async () => {
    const { field, form, jonasChanges } = renderCase(leadSourceCase);
    await waitFor(() => {
      expect(field()).toHaveValue('1leads');
    });

    jonasChanges();
    await waitFor(() => {
      expect(field()).toHaveValue('1leads GmbH');
    });
    expect(form().queryByTestId('edit-conflict')).not.toBeInTheDocument();
  });

  it('with nothing typed, follows a new version the stream did not report, and saves against it', async () => {
    const user = userEvent.setup();
    vi.spyOn(intakeApi, 'getSource').mockResolvedValue(source);
    const update = vi.spyOn(intakeApi, 'updateSource').mockResolvedValue({ ...source, version: 9 });
    const { queryClient } = renderWithProviders(
      <MeContext value={adminMe}>
        <LiveUpdates>{leadSourceCase.page}</LiveUpdates>
      </MeContext>,
      { route: leadSourceCase.route },
    );
    const form = () => within(screen.getByTestId('lead-source-form'));
    const field = () => form().getByLabelText(/^Name/);
    await waitFor(() => {
      expect(field()).toHaveValue('1leads');
    });

    // The page reloads the source (after a reconnect, say) without a change event.
    const renamed = { ...source, name: '1leads GmbH', version: 4 };
    vi.spyOn(intakeApi, 'getSource').mockResolvedValue(renamed);
    await act(() => queryClient.invalidateQueries());
    await waitFor(() => {
      expect(field()).toHaveValue('1leads GmbH');
    });

    await user.type(field(), ' Portal');
    await user.click(form().getByRole('button', { name: 'Speichern' }));
    await waitFor(() => {
      expect(update).toHaveBeenCalledWith('ls-1', 4, { name: '1leads GmbH Portal' });
    });
  });

  it('shows what was saved after its own save, and saves again against the saved version', async () => {
    const user = userEvent.setup();
    let served = source;
    vi.spyOn(intakeApi, 'getSource').mockImplementation(() => Promise.resolve(served));
    const update = vi.spyOn(intakeApi, 'updateSource').mockImplementation((_id, version, patch) => {
      served = { ...served, ...patch, version: version + 1 };
      return Promise.resolve(served);
    });
    renderWithProviders(
      <MeContext value={adminMe}>
        <LiveUpdates>{leadSourceCase.page}</LiveUpdates>
      </MeContext>,
      { route: leadSourceCase.route },
    );
    const form = () => within(screen.getByTestId('lead-source-form'));
    const field = () => form().getByLabelText(/^Name/);
    const save = () => form().getByRole('button', { name: 'Speichern' });
    await waitFor(() => {
      expect(field()).toHaveValue('1leads');
    });

    await user.type(field(), ' Portal  ');
    await user.click(save());
    await waitFor(() => {
      expect(update).toHaveBeenCalledWith('ls-1', 3, { name: '1leads Portal' });
    });
    // The form shows the source as saved (trimmed by the save), with nothing left to save.
    await waitFor(() => {
      expect(field()).toHaveValue('1leads Portal');
    });
    expect(save()).toBeDisabled();

    // The stream does not report the save (it was away): the next save still goes against the saved version.
    await user.type(field(), ' 2');
    await user.click(save());
    await waitFor(() => {
      expect(update).toHaveBeenLastCalledWith('ls-1', 4, { name: '1leads Portal 2' });
    });
    expect(form().queryByTestId('edit-conflict')).not.toBeInTheDocument();
  });
});
