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
import { EditConflictNotice } from '../../live/EditConflictNotice';
import { useEditConflict } from '../../live/editConflict';
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
  return (
    <Loaded query={source}>
      {/* The form stays while the source reloads (after a save, or someone else's change): what was typed stays. */}
      {(data) => <LeadSourceDetail key={sourceId} source={data} />}
    </Loaded>
  );
}

function LeadSourceDetail({ source }: { source: LeadSource }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const navigate = useNavigate();
  const confirmDelete = useConfirmDelete();
  const remove = useDeleteLeadSource();
  const update = useUpdateLeadSource();
  const custom = useCustomFields('lead');
  const units = useUnits();
  const [state, setState] = useState<SourceFormState>(() => fromSource(source));
  const [errors, setErrors] = useState<SourceFormErrors>({});
  const [dirty, setDirty] = useState(false);
  const texts = sourceErrorTexts(t, errors);
  const refill = (latest: LeadSource) => {
    setState(fromSource(latest));
    setErrors({});
    setDirty(false);
  };
  // The source as the form was filled (or last saved from it), the version a save goes against, and someone else's
  // change meanwhile.
  const edit = useEditConflict('lead_source', source, refill);
  // Nothing typed: the form follows the source as it is now, as the rest of the page does (there is nothing to
  // choose, whether or not the stream reported the change).
  if (!dirty && edit.base && source.version > edit.base.version) {
    edit.rebase(source);
    refill(source);
  }

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
    const { base, version } = edit;
    if (!base) return;
    update.mutate(
      { id: base.id, version, patch: toPatch(state, base) },
      {
        onSuccess: (saved) => {
          // The form shows what was saved (as the server has it) and edits that from now on.
          edit.rebase(saved);
          refill(saved);
          notify.success(t('intake.saved'));
        },
        onError: (reason) => {
          edit.saveFailed(reason);
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
          <EditConflictNotice conflict={edit.conflict} />
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
