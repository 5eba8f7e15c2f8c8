import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Center,
  Group,
  List,
  Loader,
  Portal,
  Progress,
  Stack,
  Text,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconAlertTriangle, IconDeviceFloppy, IconFileUpload, IconRestore, IconTrash } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActionsMenu } from '../../components/ActionsMenu';
import { Loading } from '../../components/Loading';
import { documentsApi, parseError, type Document, type DocumentRecordType, type UploadFailure } from '../../api';
import { useNotify } from '../../components/notify';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { uploadFailureText } from './failureText';
import { FileTypeIcon } from './FileTypeIcon';
import { useDocuments, usePickAndUpload, useRestoreDocument, useStorage, useTrashedDocuments } from './hooks';
import type { UploadProgress } from './uploadQueue';
import { useDocumentDelete } from './useDocumentDelete';
import { useFileDragActive, useFileDropOnPage, useUploads } from './useUploads';

/**
 * The documents of a person, organisation, deal or lead: the list (name with type icon, uploader, date, size),
 * opening with one click, "Speichern unter …" and delete per row, upload through the native dialog or by dropping
 * files anywhere on the record's page, and the deleted documents to restore.
 */
export function DocumentsCard({ recordType, recordId }: { recordType: DocumentRecordType; recordId: string }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const documents = useDocuments(recordType, recordId);
  const uploads = useUploads(recordType, recordId);
  const pick = usePickAndUpload(recordType, recordId);
  const confirmDelete = useDocumentDelete(recordType, recordId);
  const [showTrash, setShowTrash] = useState(false);
  const card = useRef<HTMLDivElement>(null);
  const dragging = useFileDragActive();
  useFileDropOnPage(card, uploads.add);

  const upload = () => {
    pick.mutate(undefined, {
      onSuccess: (result) => {
        uploads.finish(result);
      },
      onError: (error) => {
        notify.error(error);
      },
    });
  };

  return (
    <Card
      ref={card}
      withBorder
      radius="md"
      padding="lg"
      data-testid="documents-card"
      style={dragging ? { borderColor: 'var(--mantine-color-indigo-5)', borderStyle: 'dashed' } : undefined}
    >
      <Group justify="space-between" align="flex-start" mb="xs" wrap="nowrap">
        <div>
          <Group gap="xs">
            <Title order={3} size="h4">
              {t('documents.title')}
            </Title>
            {documents.data && documents.data.length > 0 && (
              <Badge variant="light" color="gray" data-testid="documents-count">
                {documents.data.length}
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed" mt={4}>
            {t('documents.hint')}
          </Text>
        </div>
        <Button
          variant="light"
          size="sm"
          leftSection={<IconFileUpload size={16} />}
          onClick={upload}
          loading={pick.isPending}
          style={{ flexShrink: 0 }}
          data-testid="documents-upload"
        >
          {t('documents.upload')}
        </Button>
      </Group>

      <Stack gap="sm" mt="sm">
        {pick.isPending && <UploadBusy text={t('documents.uploadingChosen')} />}
        {uploads.progress && <UploadBusy progress={uploads.progress} />}
        {uploads.failures.length > 0 && (
          <UploadFailures failures={uploads.failures} onDismiss={uploads.dismissFailures} />
        )}
        {documents.isError ? (
          <QueryError error={documents.error} onRetry={() => void documents.refetch()} />
        ) : documents.isPending ? (
          <Loading small />
        ) : documents.data.length === 0 ? (
          <Text c="dimmed" size="sm" data-testid="documents-empty">
            {t('documents.empty')}
          </Text>
        ) : (
          <Stack gap={0} data-testid="documents-list">
            {documents.data.map((document) => (
              <DocumentRow key={document.id} document={document} onDelete={confirmDelete} />
            ))}
          </Stack>
        )}
        <Group justify="flex-start">
          <Anchor
            component="button"
            type="button"
            size="xs"
            c="dimmed"
            onClick={() => {
              setShowTrash((shown) => !shown);
            }}
            data-testid="documents-trash-toggle"
          >
            {showTrash ? t('documents.trash.hide') : t('documents.trash.show')}
          </Anchor>
        </Group>
        {showTrash && <TrashedDocuments recordType={recordType} recordId={recordId} />}
      </Stack>

      {dragging && (
        <Portal>
          <DropOverlay text={t(`documents.drop.${recordType}`)} />
        </Portal>
      )}
    </Card>
  );
}

/** Over the page while files are dragged over the window: where they go. Lets every pointer event through. */
function DropOverlay({ text }: { text: string }) {
  return (
    <Box
      data-testid="documents-drop-overlay"
      style={{
        position: 'fixed',
        top: 'var(--app-shell-header-offset, 0rem)',
        left: 'var(--app-shell-navbar-offset, 0rem)',
        right: 0,
        bottom: 0,
        zIndex: 150,
        pointerEvents: 'none',
        display: 'flex',
        alignItems: 'center',
        justifyContent: 'center',
        background: 'color-mix(in srgb, var(--mantine-color-indigo-1) 70%, transparent)',
        border: '3px dashed var(--mantine-color-indigo-5)',
        borderRadius: 'var(--mantine-radius-md)',
        margin: 'var(--mantine-spacing-sm)',
      }}
    >
      <Group gap="sm" bg="white" px="lg" py="md" style={{ borderRadius: 'var(--mantine-radius-md)' }}>
        <IconFileUpload size={28} color="var(--mantine-color-indigo-6)" />
        <Text fw={600} c="indigo.8">
          {text}
        </Text>
      </Group>
    </Box>
  );
}

function UploadBusy({ progress, text }: { progress?: UploadProgress; text?: string }) {
  const { t } = useTranslation();
  const label = progress
    ? t('documents.uploading', { done: progress.done, total: progress.total, name: progress.current })
    : (text ?? '');
  return (
    <Stack gap={4} data-testid="documents-uploading" aria-live="polite">
      <Group gap="xs" wrap="nowrap">
        <Loader size="xs" />
        <Text size="sm" truncate>
          {label}
        </Text>
      </Group>
      <Progress
        size="sm"
        value={progress ? Math.max(5, (progress.done / progress.total) * 100) : 100}
        striped
        animated
        aria-label={label}
      />
    </Stack>
  );
}

function UploadFailures({ failures, onDismiss }: { failures: UploadFailure[]; onDismiss: () => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const storage = useStorage();
  return (
    <Alert
      color="red"
      icon={<IconAlertTriangle />}
      title={t('documents.failed', { count: failures.length })}
      role="alert"
      data-testid="documents-failures"
      withCloseButton
      closeButtonLabel={t('documents.dismiss')}
      onClose={onDismiss}
    >
      <List size="sm" spacing={4}>
        {failures.map((failure, index) => (
          <List.Item key={`${failure.path}-${index}`} data-testid="documents-failure" data-name={failure.fileName}>
            <Text span fw={600} size="sm">
              {failure.fileName}
            </Text>
            {': '}
            {uploadFailureText(t, failure, storage.data, format.bytes)}
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}

function DocumentRow({ document, onDelete }: { document: Document; onDelete: (document: Document) => void }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const notify = useNotify();
  const saveAs = useSaveAs();
  const open = useMutation({ mutationFn: () => documentsApi.open(document.id) });
  const name = document.fileName;

  const openDocument = () => {
    open.mutate(undefined, {
      onError: (error) => {
        // Where the file cannot be opened here, saving it is the way on.
        const parsed = parseError(error);
        const why = parsed.is('document.open_blocked')
          ? 'openBlocked'
          : parsed.is('document.no_application')
            ? 'noApplication'
            : parsed.is('document.open_failed')
              ? 'openFailed'
              : null;
        if (why === null) {
          notify.error(error);
          return;
        }
        modals.openConfirmModal({
          title: t(`documents.${why}.title`),
          children: <Text size="sm">{t(`documents.${why}.body`, { name })}</Text>,
          labels: { confirm: t('documents.saveAs'), cancel: t('common.cancel') },
          onConfirm: () => {
            saveAs(document.id);
          },
        });
      },
    });
  };

  return (
    <Group
      gap="sm"
      wrap="nowrap"
      py="xs"
      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
      data-testid="document-row"
      data-name={name}
      data-document-id={document.id}
    >
      <FileTypeIcon fileName={name} contentType={document.contentType} />
      <Box style={{ flex: 1, minWidth: 0 }}>
        <UnstyledButton
          onClick={openDocument}
          disabled={open.isPending}
          aria-label={t('documents.open', { name })}
          title={t('documents.open', { name })}
          data-testid="document-name"
          style={{ maxWidth: '100%' }}
        >
          <Group gap={6} wrap="nowrap">
            <Text size="sm" fw={600} c="indigo.7" truncate style={{ textDecoration: 'underline' }}>
              {name}
            </Text>
            {open.isPending && <Loader size={12} role="status" aria-label={t('documents.opening')} />}
          </Group>
        </UnstyledButton>
        <Text size="xs" c="dimmed" truncate>
          <span data-testid="document-uploader" title={t('documents.uploadedBy', { name: document.uploadedByName })}>
            {document.uploadedByName || t('common.unknown')}
          </span>
          {' · '}
          <span data-testid="document-date">{format.dateTime(document.createdAt)}</span>
        </Text>
      </Box>
      <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }} data-testid="document-size">
        {format.bytes(document.size)}
      </Text>
      <ActionsMenu
        label={t('documents.actionsFor', { name })}
        actions={[
          {
            icon: IconDeviceFloppy,
            label: t('documents.saveAs'),
            onClick: () => {
              saveAs(document.id);
            },
          },
          {
            icon: IconTrash,
            label: t('common.delete'),
            onClick: () => {
              onDelete(document);
            },
            color: 'red.9',
            hidden: !document.canDelete,
          },
        ]}
      />
    </Group>
  );
}

/** "Speichern unter …": the native save dialog, then the download; says where the file went. */
function useSaveAs() {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useMutation({ mutationFn: (id: string) => documentsApi.saveAs(id) });
  return (id: string) => {
    save.mutate(id, {
      onSuccess: (path) => {
        if (path !== '') notify.success(t('documents.savedTo', { path }));
      },
      onError: (error) => {
        notify.error(error);
      },
    });
  };
}

function TrashedDocuments({ recordType, recordId }: { recordType: DocumentRecordType; recordId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const notify = useNotify();
  const trashed = useTrashedDocuments(recordType, recordId, true);
  const restore = useRestoreDocument(recordType, recordId);

  if (trashed.isError) return <QueryError error={trashed.error} onRetry={() => void trashed.refetch()} />;
  if (trashed.isPending) {
    return (
      <Center p="xs">
        <Loader size="xs" role="status" aria-label={t('common.loading')} />
      </Center>
    );
  }
  if (trashed.data.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('documents.trash.empty')}
      </Text>
    );
  }
  return (
    <Stack gap={0} data-testid="documents-trash">
      {trashed.data.map((document) => (
        <Group
          key={document.id}
          gap="sm"
          wrap="nowrap"
          py={6}
          style={{ borderTop: '1px solid var(--mantine-color-gray-2)', opacity: 0.8 }}
          data-testid="trashed-document"
          data-name={document.fileName}
        >
          <FileTypeIcon fileName={document.fileName} contentType={document.contentType} />
          <Box style={{ flex: 1, minWidth: 0 }}>
            <Text size="sm" truncate td="line-through">
              {document.fileName}
            </Text>
            <Text size="xs" c="dimmed">
              {document.deletedAt ? t('documents.trash.deletedAt', { date: format.dateTime(document.deletedAt) }) : ''}
              {' · '}
              {format.bytes(document.size)}
            </Text>
          </Box>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconRestore size={14} />}
            loading={restore.isPending && restore.variables === document.id}
            onClick={() => {
              restore.mutate(document.id, {
                onSuccess: () => {
                  notify.success(t('documents.delete.restored', { name: document.fileName }));
                },
                onError: (error) => {
                  notify.error(error);
                },
              });
            }}
          >
            {t('common.restore')}
          </Button>
        </Group>
      ))}
    </Stack>
  );
}
