import { Alert, Badge, Button, Group, Menu, Paper, Progress, SimpleGrid, Stack, Text } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconArrowBackUp, IconChevronDown, IconDownload } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { isImportActive, isImportRecordType, type ImportJob, type ImportStatus } from '../../api';
import { Loading } from '../../components/Loading';
import { useNotify } from '../../components/notify';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { invalidateImported, useImportJob, useSaveFailedRows, useUndoImport } from './hooks';
import { durationText, progressPercent } from './texts';

const STATUS_COLORS: Record<ImportStatus, string> = {
  analysed: 'gray',
  queued: 'yellow',
  running: 'blue',
  done: 'teal',
  failed: 'red',
  undone: 'gray',
};

export function ImportStatusBadge({ status }: { status: ImportStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLORS[status]} variant="light" data-testid="import-status" data-status={status}>
      {t(`imports.statuses.${status}`)}
    </Badge>
  );
}

/**
 * Steps 4 and 5 of the wizard, and an import opened from the list: while it runs, the progress (rows done, rows
 * per second, time left; the change feed and polling keep it current), then the result (counts, the failed rows to
 * download, undo).
 */
export function JobView({ jobId }: { jobId: string }) {
  const job = useImportJob(jobId);
  useReloadWhenFinished(job.data);
  if (job.isError) return <QueryError error={job.error} onRetry={() => void job.refetch()} />;
  if (job.isPending) return <Loading small />;
  return isImportActive(job.data.status) ? <JobProgress job={job.data} /> : <JobResult job={job.data} />;
}

/** Reloads the imported records' lists once when a job this view saw running has ended. */
function useReloadWhenFinished(job: ImportJob | undefined) {
  const client = useQueryClient();
  const wasActive = useRef(false);
  const status = job?.status;
  const recordType = job?.recordType;
  useEffect(() => {
    if (status === undefined) return;
    const active = isImportActive(status);
    if (wasActive.current && !active && recordType !== undefined && isImportRecordType(recordType)) {
      void invalidateImported(client, recordType);
    }
    wasActive.current = active;
  }, [client, status, recordType]);
}

export function JobProgress({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const percent = progressPercent(job);
  return (
    <Stack gap="md" data-testid="import-progress">
      <Group justify="space-between">
        <Text fw={600}>{job.status === 'queued' ? t('imports.run.queued') : t('imports.run.running')}</Text>
        <ImportStatusBadge status={job.status} />
      </Group>
      <Progress
        value={percent}
        size="xl"
        striped
        animated
        aria-label={t('imports.run.rows', { done: format.number(job.rowsDone), total: format.number(job.rows) })}
        data-testid="import-progress-bar"
      />
      <Group justify="space-between" gap="xs">
        <Text size="sm" data-testid="import-rows-done">
          {t('imports.run.rows', { done: format.number(job.rowsDone), total: format.number(job.rows) })}
        </Text>
        <Group gap="lg">
          {job.rowsPerSecond > 0 && (
            <Text size="sm" c="dimmed" data-testid="import-rate">
              {t('imports.run.rate', { rate: format.number(Math.round(job.rowsPerSecond)) })}
            </Text>
          )}
          {job.secondsLeft > 0 && (
            <Text size="sm" c="dimmed" data-testid="import-time-left">
              {t('imports.run.left', { time: durationText(t, job.secondsLeft) })}
            </Text>
          )}
        </Group>
      </Group>
      <Alert variant="light" color="blue">
        {t('imports.run.background')}
      </Alert>
    </Stack>
  );
}

function Count({ label, value, color, testId }: { label: string; value: number; color: string; testId: string }) {
  const format = useFormatters();
  return (
    <Paper withBorder radius="md" p="md" data-testid={testId}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
        {label}
      </Text>
      <Text fw={700} size="xl" c={value > 0 ? color : 'dimmed'} data-testid="import-count">
        {format.number(value)}
      </Text>
    </Paper>
  );
}

export function JobResult({ job }: { job: ImportJob }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSaveFailedRows();
  const undo = useUndoImport();

  const download = (format: 'xlsx' | 'csv') => {
    save.mutate(
      { id: job.id, format },
      {
        onSuccess: (path) => {
          if (path) notify.success(t('imports.result.saved', { path }));
        },
        onError: (error) => {
          notify.error(error);
        },
      },
    );
  };

  const confirmUndo = () => {
    modals.openConfirmModal({
      title: t('imports.result.undoTitle'),
      children: <Text size="sm">{t('imports.result.undoBody', { created: job.created, updated: job.updated })}</Text>,
      labels: { confirm: t('imports.result.undoConfirm'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        undo.mutate(job.id, {
          onError: (error) => {
            notify.error(error);
          },
        });
      },
    });
  };

  const statusText =
    job.status === 'failed'
      ? t('imports.result.failed')
      : job.status === 'undone'
        ? t('imports.result.undone')
        : t('imports.result.done');

  return (
    <Stack gap="md" data-testid="import-result">
      <Group justify="space-between">
        <Text fw={600} data-testid="import-result-text">
          {statusText}
        </Text>
        <ImportStatusBadge status={job.status} />
      </Group>
      <SimpleGrid cols={4} spacing="sm">
        <Count label={t('imports.result.created')} value={job.created} color="teal" testId="import-created" />
        <Count label={t('imports.result.updated')} value={job.updated} color="blue" testId="import-updated" />
        <Count label={t('imports.result.skipped')} value={job.skipped} color="gray.7" testId="import-skipped" />
        <Count label={t('imports.result.failedRows')} value={job.failed} color="red" testId="import-failed" />
      </SimpleGrid>
      {undo.data && (
        <Alert color="teal" variant="light" data-testid="import-undo-result">
          {t('imports.result.undoCounts', {
            trashed: undo.data.trashed,
            reverted: undo.data.reverted,
            kept: undo.data.kept,
            gone: undo.data.gone,
          })}
        </Alert>
      )}
      <Group gap="sm">
        {job.failed > 0 && (
          <Menu position="bottom-start">
            <Menu.Target>
              <Button
                variant="light"
                leftSection={<IconDownload size={16} />}
                rightSection={<IconChevronDown size={14} />}
                loading={save.isPending}
                data-testid="import-failed-rows"
              >
                {t('imports.result.download')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item onClick={() => download('xlsx')}>{t('imports.result.downloadXlsx')}</Menu.Item>
              <Menu.Item onClick={() => download('csv')}>{t('imports.result.downloadCsv')}</Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
        {job.canUndo && (
          <Button
            variant="default"
            color="red"
            leftSection={<IconArrowBackUp size={16} />}
            onClick={confirmUndo}
            loading={undo.isPending}
            data-testid="import-undo"
          >
            {t('imports.result.undo')}
          </Button>
        )}
      </Group>
    </Stack>
  );
}
