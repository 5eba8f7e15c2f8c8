import { Anchor, Badge, Button, Center, Group, Loader, Stack, Table, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { parseError } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useNotify } from '../../../components/notify';
import { useFormatters } from '../../../i18n/format';
import { useMe } from '../../auth/session';
import { usePipelines } from '../../sales/hooks';
import { useCreateLeadSource, useLeadSources } from '../hooks';
import {
  emptySourceForm,
  toCreate,
  validateSource,
  type SourceFormErrors,
  type SourceFormState,
  serverSourceErrors,
} from './sourceForm';
import { sourceErrorTexts } from './sourceErrors';
import { SourceFields } from './SourceFields';
import { FormDialog } from '../../../components/FormDialog';

/** Settings > Lead-Quellen: the tenant's lead sources, and a new one. */
export function LeadSourcesPage() {
  const { t } = useTranslation();
  const format = useFormatters();
  const sources = useLeadSources();
  const pipelines = usePipelines('lead');
  const [creating, setCreating] = useState(false);

  const pipelineText = (pipelineId: string, stageId: string) => {
    const pipeline = pipelines.data?.find((candidate) => candidate.id === pipelineId);
    const stage = pipeline?.stages.find((candidate) => candidate.id === stageId);
    return [pipeline?.name, stage?.name].filter(Boolean).join(' / ');
  };

  return (
    <Stack maw={1100}>
      <PageHeader title={t('intake.title')}>
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => {
            setCreating(true);
          }}
        >
          {t('intake.create')}
        </Button>
      </PageHeader>
      <Text c="dimmed" size="sm" mt={-8}>
        {t('intake.intro')}
      </Text>
      {sources.isError ? (
        <QueryError error={sources.error} onRetry={() => void sources.refetch()} />
      ) : sources.isPending ? (
        <Center p="xl">
          <Loader role="status" aria-label={t('common.loading')} />
        </Center>
      ) : sources.data.length === 0 ? (
        <Text c="dimmed">{t('intake.empty')}</Text>
      ) : (
        <Table striped highlightOnHover data-testid="lead-sources">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('intake.columns.name')}</Table.Th>
              <Table.Th>{t('intake.columns.status')}</Table.Th>
              <Table.Th>{t('intake.columns.pipeline')}</Table.Th>
              <Table.Th>{t('intake.columns.lastDelivery')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {sources.data.map((source) => (
              <Table.Tr key={source.id} data-testid="lead-source-row">
                <Table.Td>
                  <Anchor component={Link} to={`/settings/lead-sources/${source.id}`}>
                    {source.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Badge color={source.active ? 'teal' : 'gray'} variant="light">
                    {source.active ? t('intake.status.active') : t('intake.status.paused')}
                  </Badge>
                </Table.Td>
                <Table.Td>{pipelineText(source.pipelineId, source.stageId)}</Table.Td>
                <Table.Td>
                  {source.lastDeliveryAt ? format.dateTime(source.lastDeliveryAt) : t('intake.never')}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <CreateSourceModal
        opened={creating}
        onClose={() => {
          setCreating(false);
        }}
      />
    </Stack>
  );
}

function CreateSourceModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <FormDialog opened={opened} onClose={onClose} title={t('intake.form.createTitle')} size="lg">
      {opened && <CreateSourceForm onClose={onClose} />}
    </FormDialog>
  );
}

function CreateSourceForm({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const notify = useNotify();
  const navigate = useNavigate();
  const pipelines = usePipelines('lead');
  const create = useCreateLeadSource();
  const [state, setState] = useState<SourceFormState>(() =>
    emptySourceForm(pipelines.data?.[0]?.id ?? '', '', me.user.id),
  );
  const [errors, setErrors] = useState<SourceFormErrors>({});

  const submit = (event: React.SyntheticEvent) => {
    event.preventDefault();
    const found = validateSource(state);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    create.mutate(toCreate(state), {
      onSuccess: (source) => {
        notify.success(t('intake.created', { name: source.name }));
        onClose();
        void navigate(`/settings/lead-sources/${source.id}`);
      },
      onError: (reason) => {
        const error = parseError(reason);
        const own = serverSourceErrors(error.fields);
        if (Object.keys(own).length > 0) setErrors(own);
        else notify.error(error);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="lead-source-create">
      <Stack>
        <SourceFields
          state={state}
          onChange={(next) => {
            setState(next);
            setErrors({});
          }}
          errors={sourceErrorTexts(t, errors)}
        />
        <Text size="xs" c="dimmed">
          {t('intake.form.defaultMapping')}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={create.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
