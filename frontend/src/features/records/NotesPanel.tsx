import { Button, Card, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconPencil, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionsMenu } from '../../components/ActionsMenu';
import { EditConflictNotice } from '../live/EditConflictNotice';
import { useFormEditConflict } from '../live/editConflict';
import { useConfirmDelete } from '../../components/useConfirmDelete';
import { Loading } from '../../components/Loading';
import type { Note, RecordType } from '../../api';
import { showFormError } from '../../components/forms';
import { useNotify } from '../../components/notify';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { useAddNote, useDeleteNote, useNotes, useUpdateNote } from './hooks';
import { FormActions } from '../../components/FormActions';

/** The longest note the server takes. */
export const MAX_NOTE_LENGTH = 20_000;

function useNoteValidation() {
  const { t } = useTranslation();
  return (value: string) => {
    if (value.trim() === '') return t('notes.validation.required');
    if (value.trim().length > MAX_NOTE_LENGTH) return t('notes.validation.tooLong', { max: MAX_NOTE_LENGTH });
    return null;
  };
}

/** The notes of any record: add, and edit or delete where the server says the user may. */
export function NotesPanel({ recordType, recordId }: { recordType: RecordType; recordId: string }) {
  const { t } = useTranslation();
  const notes = useNotes(recordType, recordId);
  const [editing, setEditing] = useState<string | null>(null);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="notes-panel">
      <Title order={3} size="h4" mb="md">
        {t('notes.title')}
      </Title>
      <Stack gap="md">
        <NewNote recordType={recordType} recordId={recordId} />
        {notes.isError ? (
          <QueryError error={notes.error} onRetry={() => void notes.refetch()} />
        ) : notes.isPending ? (
          <Loading small />
        ) : notes.data.length === 0 ? (
          <Text c="dimmed" size="sm">
            {t('notes.empty')}
          </Text>
        ) : (
          <Stack gap="sm" data-testid="notes-list">
            {notes.data.map((note) =>
              editing === note.id ? (
                <EditNote
                  key={note.id}
                  note={note}
                  recordType={recordType}
                  recordId={recordId}
                  onDone={() => {
                    setEditing(null);
                  }}
                />
              ) : (
                <NoteItem
                  key={note.id}
                  note={note}
                  recordType={recordType}
                  recordId={recordId}
                  onEdit={() => {
                    setEditing(note.id);
                  }}
                />
              ),
            )}
          </Stack>
        )}
      </Stack>
    </Card>
  );
}

function NewNote({ recordType, recordId }: { recordType: RecordType; recordId: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const add = useAddNote(recordType, recordId);
  const validate = useNoteValidation();
  const form = useForm({ mode: 'controlled', initialValues: { body: '' }, validate: { body: validate } });

  const submit = form.onSubmit(({ body }) => {
    add.mutate(
      { body: body.trim() },
      {
        onSuccess: () => {
          form.reset();
          notify.success(t('notes.added'));
        },
        onError: (error) => {
          showFormError(form, error, t, notify);
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate data-testid="new-note-form">
      <Stack gap="xs">
        <Textarea
          label={t('notes.newLabel')}
          placeholder={t('notes.placeholder')}
          autosize
          minRows={2}
          maxRows={10}
          {...form.getInputProps('body')}
        />
        <Group justify="flex-end">
          <Button type="submit" size="sm" loading={add.isPending} disabled={form.values.body.trim() === ''}>
            {t('notes.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function NoteItem({
  note,
  recordType,
  recordId,
  onEdit,
}: {
  note: Note;
  recordType: RecordType;
  recordId: string;
  onEdit: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const askConfirm = useConfirmDelete();
  const remove = useDeleteNote(recordType, recordId);
  const edited = note.updatedAt !== note.createdAt;

  const confirmDelete = () => {
    askConfirm({
      title: t('notes.delete.title'),
      body: t('notes.delete.body'),
      remove: () => remove.mutateAsync({ id: note.id, version: note.version }),
      deleted: t('notes.delete.success'),
    });
  };

  return (
    <Card withBorder radius="sm" padding="sm" bg="gray.0" data-testid="note" data-note-id={note.id}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="xs">
        <Text size="xs" c="dimmed">
          {t('notes.byline', { author: note.authorName || t('common.unknown'), date: format.dateTime(note.createdAt) })}
          {edited && ` ${t('notes.edited')}`}
        </Text>
        {(note.canEdit || note.canDelete) && (
          <ActionsMenu
            label={t('notes.actionsFor', { author: note.authorName })}
            size="sm"
            actions={[
              { icon: IconPencil, label: t('common.edit'), onClick: onEdit, hidden: !note.canEdit },
              {
                icon: IconTrash,
                label: t('common.delete'),
                onClick: confirmDelete,
                color: 'red.9',
                hidden: !note.canDelete,
              },
            ]}
          />
        )}
      </Group>
      <Text size="sm" mt={4} style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="note-body">
        {note.body}
      </Text>
    </Card>
  );
}

function EditNote({
  note,
  recordType,
  recordId,
  onDone,
}: {
  note: Note;
  recordType: RecordType;
  recordId: string;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const update = useUpdateNote(recordType, recordId);
  const validate = useNoteValidation();
  const form = useForm({ mode: 'controlled', initialValues: { body: note.body }, validate: { body: validate } });
  // The note as the form was filled (the list reloads on every change), the version a save goes against, and someone
  // else's change meanwhile.
  const { base, version, conflict, saveFailed } = useFormEditConflict('note', note, form, (latest) => ({
    body: latest.body,
  }));

  const submit = form.onSubmit(({ body }) => {
    const text = body.trim();
    if (!base || text === base.body) {
      onDone();
      return;
    }
    update.mutate(
      { id: base.id, version, patch: { body: text } },
      {
        onSuccess: () => {
          onDone();
        },
        onError: (error) => {
          saveFailed(error);
          showFormError(form, error, t, notify);
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate data-testid="edit-note-form">
      <Stack gap="xs">
        <EditConflictNotice conflict={conflict} />
        <Textarea
          label={t('notes.editLabel')}
          autosize
          minRows={2}
          maxRows={12}
          data-autofocus
          {...form.getInputProps('body')}
        />
        <FormActions onCancel={onDone} pending={update.isPending} size="xs" gap="xs" />
      </Stack>
    </form>
  );
}
