import { Anchor, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { parseError, type LeadSource } from '../../../api';
import { Loaded } from '../../../components/Loading';
import { PageHeader } from '../../../components/PageHeader';
import { useConfirmDelete } from '../../../components/useConfirmDelete';
import { useNotify } from '../../../components/notify';
import { useCustomFields } from '../../records/hooks';
import { useUnits } from '../../settings/queries';
import { useDeleteLeadSource, useLeadSource, useUpdateLeadSource } from '../hooks';
import { MappingEditor } from './MappingEditor';
import { RulesEditor } from './RulesEditor';
import { DeliveriesSection, KeysSection, PreviewSection, SigningSection } from './SourceSections';
import { sourceErrorTexts } from './sourceErrors';
import { SourceFields } from './SourceFields';
import {
  fromSource,
  toPatch,
  validateSource,
  type SourceFormErrors,
  type SourceFormState,
  serverSourceErrors,
} from './sourceForm';

/** Settings > Lead-Quellen > one source: its settings, mapping and rules, test data, keys, signing, deliveries. */
export function LeadSourcePage() {
  const { sourceId = '' } = useParams();
  const source = useLeadSource(sourceId);
  // The save lives here, above the form: a saved version remounts the form, and a mutation's callbacks only run
  // while the component that started it is mounted (the confirmation would be lost).
  const update = useUpdateLeadSource();
  return (
    <Loaded query={source}>
      {/* A new version (after saving) starts the form afresh from the server's record. */}
      {(data) => <LeadSourceDetail key={`${sourceId}:${data.version}`} source={data} update={update} />}
    </Loaded>
  );
}

function LeadSourceDetail({ source, update }: { source: LeadSource; update: ReturnType<typeof useUpdateLeadSource> }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const navigate = useNavigate();
  const confirmDelete = useConfirmDelete();
  const remove = useDeleteLeadSource();
  const custom = useCustomFields('lead');
  const units = useUnits();
  const [state, setState] = useState<SourceFormState>(() => fromSource(source));
  const [errors, setErrors] = useState<SourceFormErrors>({});
  const [dirty, setDirty] = useState(false);
  const texts = sourceErrorTexts(t, errors);

  const change = (next: SourceFormState) => {
    setState(next);
    setErrors({});
    setDirty(true);
  };

  const submit = (event: React.SyntheticEvent) => {
    event.preventDefault();
    const found = validateSource(state);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    update.mutate(
      { id: source.id, version: source.version, patch: toPatch(state) },
      {
        onSuccess: () => {
          notify.success(t('intake.saved'));
        },
        onError: (reason) => {
          const error = parseError(reason);
          const own = serverSourceErrors(error.fields);
          if (Object.keys(own).length > 0) setErrors(own);
          else notify.error(error);
        },
      },
    );
  };

  return (
    <Stack maw={1100} data-testid="lead-source-detail">
      <Anchor component={Link} to="/settings/lead-sources" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} />
          {t('intake.back')}
        </Group>
      </Anchor>
      <PageHeader title={source.name}>
        <Button
          variant="subtle"
          color="red"
          onClick={() => {
            confirmDelete({
              title: t('intake.delete'),
              body: t('intake.deleteConfirm', { name: source.name }),
              // Once the source is gone, its page is left for the list.
              remove: () =>
                remove.mutateAsync({ id: source.id, version: source.version }).then(() => {
                  void navigate('/settings/lead-sources', { replace: true });
                }),
              deleted: t('intake.deleted', { name: source.name }),
            });
          }}
        >
          {t('intake.delete')}
        </Button>
      </PageHeader>
      <form onSubmit={submit} noValidate data-testid="lead-source-form">
        <Stack>
          <Card withBorder radius="md" padding="lg">
            <Title order={3} size="h4" mb="md">
              {t('intake.form.general')}
            </Title>
            <SourceFields state={state} onChange={change} errors={texts} />
          </Card>
          <Card withBorder radius="md" padding="lg">
            <Title order={3} size="h4" mb={4}>
              {t('intake.mapping.title')}
            </Title>
            <Text size="sm" c="dimmed" mb="md">
              {t('intake.mapping.intro')}
            </Text>
            <MappingEditor
              rows={state.mapping}
              onChange={(mapping) => {
                change({ ...state, mapping });
              }}
              customFields={custom.fields}
              errors={texts}
            />
          </Card>
          <Card withBorder radius="md" padding="lg">
            <Title order={3} size="h4" mb={4}>
              {t('intake.rules.title')}
            </Title>
            <Text size="sm" c="dimmed" mb="md">
              {t('intake.rules.intro')}
            </Text>
            <RulesEditor
              rows={state.rules}
              onChange={(rules) => {
                change({ ...state, rules });
              }}
              units={units.data ?? []}
              errors={texts}
            />
          </Card>
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending} disabled={!dirty}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
      <PreviewSection source={source} dirty={dirty} />
      <KeysSection source={source} />
      <SigningSection source={source} />
      <DeliveriesSection source={source} />
    </Stack>
  );
}
