import { Button, Group, Select, Stack, Switch, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDeviceFloppy, IconPencil, IconRefresh, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionsMenu } from '../../../components/ActionsMenu';
import { useConfirmDelete } from '../../../components/useConfirmDelete';
import type { ListQuery, RecordType, SavedFilter } from '../../../api';
import { showFormError } from '../../../components/forms';
import { useNotify } from '../../../components/notify';
import { useFormatters } from '../../../i18n/format';
import { useMe } from '../../auth/session';
import { EditConflictNotice } from '../../live/EditConflictNotice';
import { useFormEditConflict } from '../../live/editConflict';
import { useCreateSavedFilter, useDeleteSavedFilter, useSavedFilters, useUpdateSavedFilter } from '../hooks';
import { FormActions } from '../../../components/FormActions';
import { FormDialog } from '../../../components/FormDialog';
import { useDirtyGuard } from '../../../components/dirtyGuard';

export const MAX_FILTER_NAME_LENGTH = 100;

/** A query as it is saved: no page position, the default page size. */
function storable(query: ListQuery): ListQuery {
  return { ...query, cursor: '', limit: 0 };
}

/** The saved filters of a list: pick one, save the current filter, and change or delete one's own. */
export function SavedFilters({
  recordType,
  savedId,
  query,
  onLoad,
  onClear,
}: {
  recordType: RecordType;
  savedId: string | null;
  query: ListQuery;
  onLoad: (filter: SavedFilter) => void;
  onClear: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const notify = useNotify();
  const askConfirm = useConfirmDelete();
  const me = useMe();
  const filters = useSavedFilters(recordType);
  const update = useUpdateSavedFilter(recordType);
  const remove = useDeleteSavedFilter(recordType);
  const [dialog, setDialog] = useState<{ mode: 'create' } | { mode: 'edit'; id: string } | null>(null);

  const selected = filters.data?.find((filter) => filter.id === savedId);
  const own = selected?.ownerId === me.user.id;

  const data = useMemo(() => {
    const collator = new Intl.Collator(locale);
    const sorted = [...(filters.data ?? [])].sort((a, b) => collator.compare(a.name, b.name));
    const mine = sorted.filter((filter) => filter.ownerId === me.user.id);
    const others = sorted.filter((filter) => filter.ownerId !== me.user.id);
    return [
      {
        group: t('records.savedFilters.mine'),
        items: mine.map((filter) => ({
          value: filter.id,
          label: filter.shared ? `${filter.name} (${t('records.savedFilters.sharedMark')})` : filter.name,
        })),
      },
      {
        group: t('records.savedFilters.shared'),
        items: others.map((filter) => ({
          value: filter.id,
          label: t('records.savedFilters.byOwner', { name: filter.name, owner: filter.ownerName }),
        })),
      },
    ].filter((section) => section.items.length > 0);
  }, [filters.data, locale, me.user.id, t]);

  const saveChanges = (filter: SavedFilter) => {
    update.mutate(
      { id: filter.id, version: filter.version, patch: { query: storable(query) } },
      {
        onSuccess: (saved) => {
          notify.success(t('records.savedFilters.updated', { name: saved.name }));
        },
        onError: (error) => {
          notify.error(error);
        },
      },
    );
  };

  const confirmDelete = (filter: SavedFilter) => {
    askConfirm({
      title: t('records.savedFilters.delete.title'),
      body: t('records.savedFilters.delete.body', { name: filter.name }),
      remove: () =>
        remove.mutateAsync({ id: filter.id, version: filter.version }).then(() => {
          onClear();
        }),
      deleted: t('records.savedFilters.delete.success', { name: filter.name }),
    });
  };

  const editing = dialog?.mode === 'edit' ? filters.data?.find((filter) => filter.id === dialog.id) : undefined;

  return (
    <Group gap="xs" wrap="nowrap">
      <Select
        aria-label={t('records.savedFilters.label')}
        placeholder={t('records.savedFilters.placeholder')}
        data={data}
        value={selected ? selected.id : null}
        onChange={(id) => {
          const filter = filters.data?.find((candidate) => candidate.id === id);
          if (filter) onLoad(filter);
          else onClear();
        }}
        clearable
        disabled={filters.isPending}
        nothingFoundMessage={t('records.savedFilters.none')}
        w={240}
        data-testid="saved-filter-select"
      />
      <Button
        variant="default"
        leftSection={<IconDeviceFloppy size={16} />}
        onClick={() => {
          setDialog({ mode: 'create' });
        }}
      >
        {t('records.savedFilters.save')}
      </Button>
      {selected && own && (
        <ActionsMenu
          label={t('records.savedFilters.actions', { name: selected.name })}
          variant="default"
          size="lg"
          actions={[
            {
              icon: IconRefresh,
              label: t('records.savedFilters.saveChanges'),
              onClick: () => {
                saveChanges(selected);
              },
            },
            {
              icon: IconPencil,
              label: t('records.savedFilters.edit'),
              onClick: () => {
                setDialog({ mode: 'edit', id: selected.id });
              },
            },
            {
              icon: IconTrash,
              label: t('records.savedFilters.delete.action'),
              onClick: () => {
                confirmDelete(selected);
              },
              color: 'red.9',
            },
          ]}
        />
      )}
      <FormDialog
        opened={dialog !== null && (dialog.mode === 'create' || editing !== undefined)}
        onClose={() => {
          setDialog(null);
        }}
        title={
          dialog?.mode === 'edit'
            ? t('records.savedFilters.form.editTitle')
            : t('records.savedFilters.form.createTitle')
        }
      >
        {dialog && (
          <SavedFilterForm
            key={dialog.mode === 'edit' ? dialog.id : 'new'}
            recordType={recordType}
            filter={editing}
            query={storable(query)}
            onDone={(saved) => {
              setDialog(null);
              if (saved) onLoad(saved);
            }}
          />
        )}
      </FormDialog>
    </Group>
  );
}

const valuesOf = (filter: SavedFilter | undefined) => ({ name: filter?.name ?? '', shared: filter?.shared ?? false });

function SavedFilterForm({
  recordType,
  filter,
  query,
  onDone,
}: {
  recordType: RecordType;
  /** The filter to rename or share as the list has it now (it reloads on every change); absent to save a new one. */
  filter: SavedFilter | undefined;
  query: ListQuery;
  onDone: (saved?: SavedFilter) => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateSavedFilter(recordType);
  const update = useUpdateSavedFilter(recordType);
  const form = useForm({
    mode: 'controlled',
    initialValues: valuesOf(filter),
    validate: {
      name: (value: string) => {
        if (value.trim() === '') return t('records.savedFilters.validation.nameRequired');
        if (value.trim().length > MAX_FILTER_NAME_LENGTH)
          return t('records.validation.tooLong', { max: MAX_FILTER_NAME_LENGTH });
        return null;
      },
    },
  });
  useDirtyGuard(form.isDirty());
  // The filter as the form was filled, the version a save goes against, and someone else's change meanwhile.
  const { base, version, conflict, saveFailed } = useFormEditConflict('saved_filter', filter, form, valuesOf);
  const pending = create.isPending || update.isPending;

  const submit = form.onSubmit((values) => {
    const name = values.name.trim();
    const onError = (error: unknown) => {
      saveFailed(error);
      showFormError(form, error, t, notify);
    };
    if (!base) {
      create.mutate(
        { recordType, name, query, shared: values.shared },
        {
          onSuccess: (saved) => {
            notify.success(t('records.savedFilters.created', { name: saved.name }));
            onDone(saved);
          },
          onError,
        },
      );
      return;
    }
    const patch = {
      ...(name !== base.name && { name }),
      ...(values.shared !== base.shared && { shared: values.shared }),
    };
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { id: base.id, version, patch },
      {
        onSuccess: (saved) => {
          notify.success(t('records.savedFilters.updated', { name: saved.name }));
          onDone(saved);
        },
        onError,
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate data-testid="saved-filter-form">
      <Stack>
        <EditConflictNotice conflict={conflict} />
        <TextInput label={t('records.savedFilters.form.name')} data-autofocus {...form.getInputProps('name')} />
        <Switch
          label={t('records.savedFilters.form.shared')}
          description={t('records.savedFilters.form.sharedHint')}
          {...form.getInputProps('shared', { type: 'checkbox' })}
        />
        <FormActions onCancel={onDone} pending={pending} />
      </Stack>
    </form>
  );
}
