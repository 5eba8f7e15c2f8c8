import { ActionIcon, Badge, Button, Group, Stack, Switch, Table, Text, TextInput, Textarea } from '@mantine/core';
import { IconArchive, IconPencil, IconPlus, IconRestore, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';
import { parseError, type LostReason, type PipelineType } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useNotify } from '../../../components/notify';
import { useConfirmDelete } from '../../../components/useConfirmDelete';
import { fieldErrorText } from '../../../i18n/errorText';
import { useFormatters } from '../../../i18n/format';
import { EditConflictNotice } from '../../live/EditConflictNotice';
import { useEditConflict } from '../../live/editConflict';
import { useLostReasons } from '../../sales/hooks';
import { useCreateLostReason, useDeleteLostReason, useUpdateLostReason } from './hooks';
import { RecordTypeTabs } from './RecordTypeTabs';
import { FormActions } from '../../../components/FormActions';
import { FormDialog } from '../../../components/FormDialog';

/** Settings > Verlustgründe: why deals and leads are lost. */
export function LostReasonsPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={1100}>
      <PageHeader title={t('salesSettings.lostReasons.title')} />
      <RecordTypeTabs>{(recordType) => <ReasonsOfType recordType={recordType} />}</RecordTypeTabs>
    </Stack>
  );
}

function ReasonsOfType({ recordType }: { recordType: PipelineType }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const notify = useNotify();
  const reasons = useLostReasons(recordType, true);
  const update = useUpdateLostReason(recordType);
  const remove = useDeleteLostReason(recordType);
  const askDelete = useConfirmDelete();
  const [showArchived, setShowArchived] = useState(false);
  // An edit holds the reason's ID: the form follows the reason as the list has it now.
  const [dialog, setDialog] = useState<{ id?: string } | null>(null);

  if (reasons.isError) return <QueryError error={reasons.error} onRetry={() => void reasons.refetch()} />;
  if (reasons.isPending) {
    return <Loading />;
  }
  const shown = reasons.data.filter((reason) => showArchived || !reason.archived);

  const setArchived = (reason: LostReason, archived: boolean) => {
    update.mutate(
      { id: reason.id, version: reason.version, patch: { archived } },
      {
        onSuccess: () => {
          notify.success(t('common.saved'));
        },
        onError: (error) => {
          notify.error(error);
        },
      },
    );
  };

  const confirmDelete = (reason: LostReason) => {
    askDelete({
      title: t('common.delete'),
      body: t('salesSettings.lostReasons.deleteBody', { name: reason.name }),
      remove: () => remove.mutateAsync({ id: reason.id, version: reason.version }),
      deleted: t('salesSettings.lostReasons.deleted'),
      inUse: { message: t('salesSettings.lostReasons.inUse') },
    });
  };

  return (
    <Stack gap="sm" data-testid={`lost-reasons-${recordType}`}>
      <Group justify="space-between">
        <Switch
          label={t('salesSettings.lostReasons.showArchived')}
          checked={showArchived}
          onChange={(event) => {
            setShowArchived(event.currentTarget.checked);
          }}
        />
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => {
            setDialog({});
          }}
        >
          {t('salesSettings.lostReasons.create')}
        </Button>
      </Group>
      {shown.length === 0 ? (
        <Text c="dimmed">{t('salesSettings.lostReasons.empty')}</Text>
      ) : (
        <Table verticalSpacing="sm" highlightOnHover>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('salesSettings.lostReasons.name')}</Table.Th>
              <Table.Th>{t('salesSettings.lostReasons.description')}</Table.Th>
              <Table.Th>{t('salesSettings.lostReasons.createdAt')}</Table.Th>
              <Table.Th>{t('salesSettings.lostReasons.updatedAt')}</Table.Th>
              <Table.Th>{t('common.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((reason) => (
              <Table.Tr key={reason.id} data-testid="lost-reason-row" data-name={reason.name}>
                <Table.Td>
                  <Group gap="xs">
                    <Text fw={500}>{reason.name}</Text>
                    {reason.archived && (
                      <Badge size="xs" color="gray">
                        {t('salesSettings.lostReasons.archived')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" c="dimmed">
                    {reason.description}
                  </Text>
                </Table.Td>
                <Table.Td>{format.dateTime(reason.createdAt)}</Table.Td>
                <Table.Td>{format.dateTime(reason.updatedAt)}</Table.Td>
                <Table.Td>
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="subtle"
                      aria-label={`${t('common.edit')}: ${reason.name}`}
                      onClick={() => {
                        setDialog({ id: reason.id });
                      }}
                    >
                      <IconPencil size={16} />
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={`${reason.archived ? t('common.restore') : t('salesSettings.lostReasons.archive')}: ${reason.name}`}
                      onClick={() => {
                        setArchived(reason, !reason.archived);
                      }}
                    >
                      {reason.archived ? <IconRestore size={16} /> : <IconArchive size={16} />}
                    </ActionIcon>
                    <ActionIcon
                      variant="subtle"
                      color="red"
                      aria-label={`${t('common.delete')}: ${reason.name}`}
                      onClick={() => {
                        confirmDelete(reason);
                      }}
                    >
                      <IconTrash size={16} />
                    </ActionIcon>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormDialog
        opened={dialog !== null}
        onClose={() => {
          setDialog(null);
        }}
        title={dialog?.id ? t('salesSettings.lostReasons.editTitle') : t('salesSettings.lostReasons.createTitle')}
      >
        {dialog !== null && (
          <ReasonForm
            key={dialog.id ?? 'new'}
            recordType={recordType}
            reason={dialog.id === undefined ? undefined : reasons.data.find((reason) => reason.id === dialog.id)}
            onDone={() => {
              setDialog(null);
            }}
          />
        )}
      </FormDialog>
    </Stack>
  );
}

function ReasonForm({
  recordType,
  reason,
  onDone,
}: {
  recordType: PipelineType;
  /** The reason to edit as the list has it now (it reloads on every change); absent to create one. */
  reason?: LostReason;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateLostReason(recordType);
  const update = useUpdateLostReason(recordType);
  const [name, setName] = useState(reason?.name ?? '');
  const [description, setDescription] = useState(reason?.description ?? '');
  const [errors, setErrors] = useState<{ name?: string; description?: string }>({});
  // The reason as the form was filled, the version a save goes against, and someone else's change meanwhile.
  const { base, version, conflict, saveFailed } = useEditConflict('lost_reason', reason, (latest) => {
    setName(latest.name);
    setDescription(latest.description);
    setErrors({});
  });

  const onError = (error: unknown) => {
    saveFailed(error);
    const parsed = parseError(error);
    const { name: nameCode, description: descriptionCode } = parsed.fields;
    if (nameCode || descriptionCode) {
      setErrors({
        name: nameCode ? fieldErrorText(t, 'name', nameCode) : undefined,
        description: descriptionCode ? fieldErrorText(t, 'description', descriptionCode) : undefined,
      });
    } else {
      notify.error(parsed);
    }
  };

  const submit = (event: React.SyntheticEvent) => {
    event.preventDefault();
    if (name.trim() === '') {
      setErrors({ name: t('salesSettings.lostReasons.nameRequired') });
      return;
    }
    const done = () => {
      notify.success(t('common.saved'));
      onDone();
    };
    if (base) {
      const patch = {
        ...(name.trim() !== base.name && { name: name.trim() }),
        ...(description.trim() !== base.description && { description: description.trim() }),
      };
      if (Object.keys(patch).length === 0) {
        onDone();
        return;
      }
      update.mutate({ id: base.id, version, patch }, { onSuccess: done, onError });
    } else {
      create.mutate({ recordType, name: name.trim(), description: description.trim() }, { onSuccess: done, onError });
    }
  };

  const pending = create.isPending || update.isPending;
  return (
    <form onSubmit={submit} noValidate data-testid="lost-reason-form">
      <Stack gap="sm">
        <EditConflictNotice conflict={conflict} />
        <TextInput
          label={t('salesSettings.lostReasons.name')}
          withAsterisk
          data-autofocus
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
          }}
          error={errors.name}
        />
        <Textarea
          label={t('salesSettings.lostReasons.description')}
          autosize
          minRows={2}
          value={description}
          onChange={(event) => {
            setDescription(event.currentTarget.value);
          }}
          error={errors.description}
        />
        <FormActions onCancel={onDone} pending={pending} creating={!base} />
      </Stack>
    </form>
  );
}
