import { Badge, Button, Group, SegmentedControl, Stack, Switch, Table, Tabs, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconArchive, IconArrowBackUp, IconPencil, IconPlus } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmDelete } from '../../../components/useConfirmDelete';
import { ListTable } from '../../../components/ListTable';
import { MoveButtons, TipAction } from '../../../components/TipAction';
import { Loading } from '../../../components/Loading';
import {
  CUSTOM_FIELD_RECORD_TYPES,
  FIELD_KINDS,
  isFieldKind,
  type CustomField,
  type CustomFieldRecordType,
  type FieldKind,
} from '../../../api';
import { showFormError } from '../../../components/forms';
import { useNotify } from '../../../components/notify';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { EditConflictNotice } from '../../live/EditConflictNotice';
import { useFormEditConflict } from '../../live/editConflict';
import { useCustomFields } from '../../records/hooks';
import { useArchiveCustomField, useCreateCustomField, useUpdateCustomField } from './hooks';
import { moveField } from './order';
import { FormActions } from '../../../components/FormActions';
import { FormDialog } from '../../../components/FormDialog';
import { useDirtyGuard } from '../../../components/dirtyGuard';

export const MAX_LABEL_LENGTH = 100;

interface FieldValues {
  label: string;
  kind: FieldKind;
  required: boolean;
}

const valuesOf = (field: CustomField | undefined): FieldValues => ({
  label: field?.label ?? '',
  kind: field && isFieldKind(field.kind) ? field.kind : 'text',
  required: field?.required ?? false,
});

/** Settings > Eigene Felder: the fields admins add to each record type. */
export function CustomFieldsPage() {
  const { t } = useTranslation();
  const [recordType, setRecordType] = useState<CustomFieldRecordType>('person');
  return (
    <Stack maw={1000}>
      <PageHeader title={t('customFields.title')} />
      <Text c="dimmed" size="sm" mt={-8}>
        {t('customFields.intro')}
      </Text>
      <Tabs
        value={recordType}
        onChange={(value) => {
          const next = CUSTOM_FIELD_RECORD_TYPES.find((candidate) => candidate === value);
          if (next) setRecordType(next);
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {CUSTOM_FIELD_RECORD_TYPES.map((type) => (
            <Tabs.Tab key={type} value={type}>
              {t(`access.recordTypes.${type}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {CUSTOM_FIELD_RECORD_TYPES.map((type) => (
          <Tabs.Panel key={type} value={type} pt="md">
            <FieldsOfType recordType={type} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}

type Dialog = { kind: 'create' } | { kind: 'rename'; id: string };

function FieldsOfType({ recordType }: { recordType: CustomFieldRecordType }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const askConfirm = useConfirmDelete();
  const query = useCustomFields(recordType);
  const update = useUpdateCustomField(recordType);
  const archive = useArchiveCustomField(recordType);
  const [showArchived, setShowArchived] = useState(false);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [moving, setMoving] = useState(false);

  const archived = useMemo(() => query.all.filter((field) => field.archived), [query.all]);
  const rows = showArchived ? [...query.fields, ...archived] : query.fields;
  const renaming = dialog?.kind === 'rename' ? query.all.find((field) => field.id === dialog.id) : undefined;

  const kindLabel = (kind: string) => (isFieldKind(kind) ? t(`customFields.kinds.${kind}`) : kind);

  const move = async (field: CustomField, direction: -1 | 1) => {
    const changes = moveField(query.fields, field.id, direction);
    setMoving(true);
    try {
      for (const change of changes) {
        await update.mutateAsync({
          id: change.field.id,
          version: change.field.version,
          patch: { position: change.position },
        });
      }
    } catch (error) {
      notify.error(error);
    } finally {
      setMoving(false);
    }
  };

  const setRequired = (field: CustomField, required: boolean) => {
    update.mutate(
      { id: field.id, version: field.version, patch: { required } },
      {
        onError: (error) => {
          notify.error(error);
        },
      },
    );
  };

  const confirmArchive = (field: CustomField) => {
    askConfirm({
      title: t('customFields.archive.title'),
      body: t('customFields.archive.body', { name: field.label }),
      confirm: t('customFields.archive.confirm'),
      remove: () => archive.mutateAsync({ id: field.id, version: field.version }),
      deleted: t('customFields.archive.success', { name: field.label }),
    });
  };

  const restore = (field: CustomField) => {
    update.mutate(
      { id: field.id, version: field.version, patch: { archived: false } },
      {
        onSuccess: () => {
          notify.success(t('customFields.restored', { name: field.label }));
        },
        onError: (error) => {
          notify.error(error);
        },
      },
    );
  };

  if (query.isError) {
    return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  }
  if (query.isPending) {
    return <Loading />;
  }

  const busy = moving || update.isPending || archive.isPending;

  return (
    <Stack>
      <Group justify="space-between">
        <Switch
          label={t('customFields.showArchived', { count: archived.length })}
          checked={showArchived}
          onChange={(event) => {
            setShowArchived(event.currentTarget.checked);
          }}
          disabled={archived.length === 0}
        />
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => {
            setDialog({ kind: 'create' });
          }}
        >
          {t('customFields.create')}
        </Button>
      </Group>
      <ListTable
        testId="custom-fields-table"
        columns={[
          { label: t('customFields.columns.label') },
          { label: t('customFields.columns.kind') },
          { label: t('customFields.columns.required') },
          { actions: true, w: 200 },
        ]}
        isEmpty={rows.length === 0}
        empty={t('customFields.empty')}
      >
        {rows.map((field) => {
          const index = query.fields.indexOf(field);
          return (
            <Table.Tr
              key={field.id}
              data-testid="custom-field-row"
              data-label={field.label}
              style={field.archived ? { opacity: 0.6 } : undefined}
            >
              <Table.Td fw={500}>
                {field.label}{' '}
                {field.archived && (
                  <Badge color="gray" variant="light" ml="xs">
                    {t('customFields.archivedBadge')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{kindLabel(field.kind)}</Table.Td>
              <Table.Td>
                <Switch
                  checked={field.required}
                  disabled={field.archived || busy}
                  onChange={(event) => {
                    setRequired(field, event.currentTarget.checked);
                  }}
                  aria-label={t('customFields.requiredNamed', { name: field.label })}
                />
              </Table.Td>
              <Table.Td>
                <Group gap={4} justify="flex-end" wrap="nowrap">
                  {field.archived ? (
                    <Button
                      size="xs"
                      variant="light"
                      leftSection={<IconArrowBackUp size={14} />}
                      onClick={() => {
                        restore(field);
                      }}
                      disabled={busy}
                      aria-label={t('customFields.restoreNamed', { name: field.label })}
                    >
                      {t('common.restore')}
                    </Button>
                  ) : (
                    <>
                      <MoveButtons
                        tips={{ up: t('customFields.actions.moveUp'), down: t('customFields.actions.moveDown') }}
                        labels={{
                          up: t('customFields.actions.moveUpNamed', { name: field.label }),
                          down: t('customFields.actions.moveDownNamed', { name: field.label }),
                        }}
                        first={index <= 0}
                        last={index >= query.fields.length - 1}
                        disabled={busy}
                        onMove={(direction) => void move(field, direction)}
                      />
                      <TipAction
                        tip={t('customFields.actions.rename')}
                        label={t('customFields.actions.renameNamed', { name: field.label })}
                        icon={<IconPencil size={16} />}
                        color="gray"
                        onClick={() => setDialog({ kind: 'rename', id: field.id })}
                      />
                      <TipAction
                        tip={t('customFields.actions.archive')}
                        label={t('customFields.actions.archiveNamed', { name: field.label })}
                        icon={<IconArchive size={16} />}
                        color="red"
                        disabled={busy}
                        onClick={() => confirmArchive(field)}
                      />
                    </>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </ListTable>
      <FormDialog
        opened={dialog !== null && (dialog.kind === 'create' || renaming !== undefined)}
        onClose={() => {
          setDialog(null);
        }}
        title={dialog?.kind === 'rename' ? t('customFields.form.renameTitle') : t('customFields.form.createTitle')}
      >
        {dialog && (
          <FieldForm
            key={dialog.kind === 'rename' ? dialog.id : 'new'}
            recordType={recordType}
            field={renaming}
            onDone={() => {
              setDialog(null);
            }}
          />
        )}
      </FormDialog>
    </Stack>
  );
}

function FieldForm({
  recordType,
  field,
  onDone,
}: {
  recordType: CustomFieldRecordType;
  /** The field to rename as the list has it now (it reloads on every change); absent to create one. */
  field: CustomField | undefined;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateCustomField(recordType);
  const update = useUpdateCustomField(recordType);
  const form = useForm<FieldValues>({
    mode: 'controlled',
    initialValues: valuesOf(field),
    validate: {
      label: (value) => {
        if (value.trim() === '') return t('customFields.validation.labelRequired');
        if (value.trim().length > MAX_LABEL_LENGTH) return t('records.validation.tooLong', { max: MAX_LABEL_LENGTH });
        return null;
      },
    },
  });
  useDirtyGuard(form.isDirty());
  // The field as the form was filled, the version a save goes against, and someone else's change meanwhile.
  const { base, version, conflict, saveFailed } = useFormEditConflict('custom_field', field, form, valuesOf);
  const pending = create.isPending || update.isPending;

  const submit = form.onSubmit((values) => {
    const label = values.label.trim();
    const onError = (error: unknown) => {
      saveFailed(error);
      showFormError(form, error, t, notify);
    };
    if (!base) {
      create.mutate(
        { recordType, label, kind: values.kind, required: values.required, position: 0 },
        {
          onSuccess: (created) => {
            notify.success(t('customFields.created', { name: created.label }));
            onDone();
          },
          onError,
        },
      );
      return;
    }
    if (label === base.label) {
      onDone();
      return;
    }
    update.mutate(
      { id: base.id, version, patch: { label } },
      {
        onSuccess: () => {
          notify.success(t('common.saved'));
          onDone();
        },
        onError,
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate data-testid="custom-field-form">
      <Stack>
        <EditConflictNotice conflict={conflict} />
        <TextInput label={t('customFields.form.label')} data-autofocus {...form.getInputProps('label')} />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="custom-field-kind-label">
            {t('customFields.form.kind')}
          </Text>
          <SegmentedControl
            aria-labelledby="custom-field-kind-label"
            data={FIELD_KINDS.map((kind) => ({ value: kind, label: t(`customFields.kinds.${kind}`) }))}
            disabled={base !== undefined}
            {...form.getInputProps('kind')}
          />
          {base && (
            <Text size="xs" c="dimmed">
              {t('customFields.form.kindFixed')}
            </Text>
          )}
        </Stack>
        {!base && (
          <Switch
            label={t('customFields.form.required')}
            description={t('customFields.form.requiredHint')}
            {...form.getInputProps('required', { type: 'checkbox' })}
          />
        )}
        <FormActions onCancel={onDone} pending={pending} creating={!base} />
      </Stack>
    </form>
  );
}
