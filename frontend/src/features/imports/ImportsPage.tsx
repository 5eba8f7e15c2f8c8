import { Button, Modal, Progress, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isImportActive, isRecordType, type ImportJob } from '../../api';
import { ListTable } from '../../components/ListTable';
import { Loading } from '../../components/Loading';
import { PageHeader } from '../../components/PageHeader';
import { QueryError } from '../../components/QueryError';
import { useDialog } from '../../components/useDialog';
import { useFormatters } from '../../i18n/format';
import { useMe } from '../auth/session';
import { useImportJobs } from './hooks';
import { ImportStatusBadge, JobView } from './JobView';
import { progressPercent } from './texts';

/**
 * "Importe": the user's imports (admins: every user's) with status, file, counts, who and when; each one opens with
 * its progress or result, where its failed rows are downloaded and it is undone.
 */
export function ImportsPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const me = useMe();
  const jobs = useImportJobs();
  const dialog = useDialog<ImportJob>();

  return (
    <Stack maw={1200}>
      <PageHeader title={t('imports.page.title')} />
      <Text size="sm" c="dimmed" mt={-16}>
        {me.role.isAdmin ? t('imports.page.introAdmin') : t('imports.page.introUser')}
      </Text>
      {jobs.isError ? (
        <QueryError error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : jobs.isPending ? (
        <Loading />
      ) : (
        <ListTable
          testId="imports-list"
          minWidth={900}
          isEmpty={jobs.data.length === 0}
          empty={t('imports.page.empty')}
          columns={[
            { label: t('imports.page.columns.status'), w: 170 },
            { label: t('imports.page.columns.file') },
            { label: t('imports.page.columns.recordType') },
            { label: t('imports.page.columns.counts') },
            { label: t('imports.page.columns.createdBy') },
            { label: t('imports.page.columns.createdAt') },
            { actions: true },
          ]}
        >
          {jobs.data.map((job) => (
            <Table.Tr key={job.id} data-testid="import-row" data-file={job.fileName} data-status={job.status}>
              <Table.Td>
                <Stack gap={4}>
                  <ImportStatusBadge status={job.status} />
                  {isImportActive(job.status) && <Progress value={progressPercent(job)} size="sm" />}
                </Stack>
              </Table.Td>
              <Table.Td>
                <Text size="sm" fw={500}>
                  {job.fileName}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{isRecordType(job.recordType) ? t(`access.recordTypes.${job.recordType}`) : ''}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" data-testid="import-row-counts">
                  {t('imports.page.counts', {
                    created: format.number(job.created),
                    updated: format.number(job.updated),
                    skipped: format.number(job.skipped),
                    failed: format.number(job.failed),
                  })}
                </Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{job.createdByName}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{format.dateTime(job.createdAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="default"
                  onClick={() => {
                    dialog.open(job);
                  }}
                  disabled={job.status === 'analysed'}
                >
                  {t('imports.page.show')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </ListTable>
      )}
      <Modal opened={dialog.opened} onClose={dialog.close} title={dialog.value?.fileName} size={800}>
        {dialog.value && <JobView jobId={dialog.value.id} />}
      </Modal>
    </Stack>
  );
}
