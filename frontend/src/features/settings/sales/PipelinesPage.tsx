import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPencil, IconPlus, IconTrash, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../../components/Loading';
import { parseError, type Pipeline, type PipelineType, type StageInput } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useNotify } from '../../../components/notify';
import { useConfirmDelete } from '../../../components/useConfirmDelete';
import { errorText, fieldErrorText } from '../../../i18n/errorText';
import { useFormatters } from '../../../i18n/format';
import { useMe } from '../../auth/session';
import { EditConflictNotice } from '../../live/EditConflictNotice';
import { useEditConflict } from '../../live/editConflict';
import { usePipelines } from '../../sales/hooks';
import { useCreatePipeline, useDeletePipeline, useUpdatePipeline } from './hooks';
import { RecordTypeTabs } from './RecordTypeTabs';
import { FormActions } from '../../../components/FormActions';
import { FormDialog } from '../../../components/FormDialog';

/** Settings > Pipelines: the pipelines of deals and leads with their stages. */
export function PipelinesPage() {
  const { t } = useTranslation();
  return (
    <Stack maw={1000}>
      <PageHeader title={t('salesSettings.pipelines.title')} />
      <PlanLimit />
      <RecordTypeTabs>{(recordType) => <PipelinesOfType recordType={recordType} />}</RecordTypeTabs>
    </Stack>
  );
}

/**
 * How many pipelines the tenant's plan allows (deals and leads together) and how many exist; nothing on a plan
 * without a limit. At the limit it says so before anyone tries to create one.
 */
function PlanLimit() {
  const { t } = useTranslation();
  const format = useFormatters();
  const max = useMe().tenant.maxPipelines;
  const deals = usePipelines('deal');
  const leads = usePipelines('lead');
  if (max === 0 || !deals.data || !leads.data) return null;
  const used = deals.data.length + leads.data.length;
  const text = t('salesSettings.pipelines.limitUsage', { max: format.number(max), used: format.number(used) });
  const attributes = { 'data-testid': 'pipeline-limit', 'data-max': max, 'data-used': used };
  return used >= max ? (
    <Alert color="yellow" title={t('salesSettings.pipelines.limitReachedTitle')} {...attributes}>
      {text}
    </Alert>
  ) : (
    <Text size="sm" c="dimmed" {...attributes}>
      {text}
    </Text>
  );
}

/** An edit holds the pipeline's ID: the form follows the pipeline as the list has it now. */
type Dialog = { kind: 'create' } | { kind: 'edit'; id: string } | null;

function PipelinesOfType({ recordType }: { recordType: PipelineType }) {
  const { t } = useTranslation();
  const pipelines = usePipelines(recordType);
  const remove = useDeletePipeline(recordType);
  const askDelete = useConfirmDelete();
  const [dialog, setDialog] = useState<Dialog>(null);

  if (pipelines.isError) return <QueryError error={pipelines.error} onRetry={() => void pipelines.refetch()} />;
  if (pipelines.isPending) {
    return <Loading />;
  }

  return (
    <Stack gap="sm" data-testid={`pipelines-${recordType}`}>
      <Group justify="flex-end">
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => {
            setDialog({ kind: 'create' });
          }}
        >
          {t('salesSettings.pipelines.create')}
        </Button>
      </Group>
      {pipelines.data.length === 0 && <Text c="dimmed">{t('salesSettings.pipelines.empty')}</Text>}
      {pipelines.data.map((pipeline) => (
        <Card key={pipeline.id} withBorder radius="md" data-testid="pipeline-row" data-name={pipeline.name}>
          <Group justify="space-between" align="flex-start">
            <Stack gap={6}>
              <Text fw={600}>{pipeline.name}</Text>
              <Group gap={6}>
                {pipeline.stages.map((stage) => (
                  <Badge key={stage.id} variant="light" color="gray">
                    {stage.name} · {stage.probability} %
                  </Badge>
                ))}
              </Group>
            </Stack>
            <Group gap="xs">
              <Button
                variant="default"
                size="xs"
                leftSection={<IconPencil size={14} />}
                onClick={() => {
                  setDialog({ kind: 'edit', id: pipeline.id });
                }}
              >
                {t('salesSettings.pipelines.edit')}
              </Button>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('salesSettings.pipelines.delete')}
                onClick={() => {
                  askDelete({
                    title: t('salesSettings.pipelines.delete'),
                    body: t('salesSettings.pipelines.deleteBody', { name: pipeline.name }),
                    remove: () => remove.mutateAsync({ id: pipeline.id, version: pipeline.version }),
                    deleted: t('salesSettings.pipelines.deleted'),
                  });
                }}
              >
                <IconTrash size={16} />
              </ActionIcon>
            </Group>
          </Group>
        </Card>
      ))}
      <FormDialog
        opened={dialog !== null}
        onClose={() => {
          setDialog(null);
        }}
        title={
          dialog?.kind === 'edit' ? t('salesSettings.pipelines.editTitle') : t('salesSettings.pipelines.createTitle')
        }
        size="lg"
      >
        {dialog !== null && (
          <PipelineForm
            recordType={recordType}
            key={dialog.kind === 'edit' ? dialog.id : 'new'}
            pipeline={dialog.kind === 'edit' ? pipelines.data.find((pipeline) => pipeline.id === dialog.id) : undefined}
            onDone={() => {
              setDialog(null);
            }}
          />
        )}
      </FormDialog>
    </Stack>
  );
}

interface StageRow {
  key: number;
  id: string;
  name: string;
  probability: number | string;
}

let nextKey = 1;
const newRow = (stage?: { id: string; name: string; probability: number }): StageRow => ({
  key: nextKey++,
  id: stage?.id ?? '',
  name: stage?.name ?? '',
  probability: stage?.probability ?? 0,
});

const sameStages = (a: readonly StageInput[], b: readonly StageInput[]) =>
  a.length === b.length &&
  a.every((stage, index) => {
    const other = b[index];
    return other?.id === stage.id && other.name === stage.name && other.probability === stage.probability;
  });

function PipelineForm({
  recordType,
  pipeline,
  onDone,
}: {
  recordType: PipelineType;
  /** The pipeline to edit as the list has it now (it reloads on every change); absent to create one. */
  pipeline?: Pipeline;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const notify = useNotify();
  const maxPipelines = useMe().tenant.maxPipelines;
  const create = useCreatePipeline(recordType);
  const update = useUpdatePipeline(recordType);
  const [name, setName] = useState(pipeline?.name ?? '');
  const [rows, setRows] = useState<StageRow[]>(() =>
    pipeline ? pipeline.stages.map((stage) => newRow(stage)) : [newRow()],
  );
  const [errors, setErrors] = useState<Record<string, string>>({});
  /** Removed stages that still hold records: stage ID -> where they go ("" until chosen). */
  const [moveTo, setMoveTo] = useState<Record<string, string> | null>(null);
  /** The server's answer that the plan allows no more pipelines: said in the form, where the user looks. */
  const [limitError, setLimitError] = useState<unknown>(null);
  // The pipeline as the form was filled, the version a save goes against, and someone else's change meanwhile (its
  // stages change only with the pipeline, whose version they raise).
  const { base, version, conflict, saveFailed } = useEditConflict('pipeline', pipeline, (latest) => {
    setName(latest.name);
    setRows(latest.stages.map((stage) => newRow(stage)));
    setErrors({});
    setMoveTo(null);
    setLimitError(null);
  });

  const setRow = (index: number, change: Partial<StageRow>) => {
    setRows((previous) => previous.map((row, at) => (at === index ? { ...row, ...change } : row)));
  };
  const swap = (index: number, other: number) => {
    setRows((previous) => {
      const next = [...previous];
      const a = next[index];
      const b = next[other];
      if (!a || !b) return previous;
      next[index] = b;
      next[other] = a;
      return next;
    });
  };

  const validate = (): Record<string, string> => {
    const out: Record<string, string> = {};
    if (name.trim() === '') out.name = t('salesSettings.pipelines.nameRequired');
    if (rows.length === 0) out.stages = t('salesSettings.pipelines.stagesRequired');
    rows.forEach((row, index) => {
      if (row.name.trim() === '') out[`stages.${index}.name`] = t('salesSettings.pipelines.stageNameRequired');
      const p = typeof row.probability === 'number' ? row.probability : Number.NaN;
      if (!Number.isInteger(p) || p < 0 || p > 100) {
        out[`stages.${index}.probability`] = t('salesSettings.pipelines.probabilityRange');
      }
    });
    return out;
  };

  const stages = (): StageInput[] =>
    rows.map((row) => ({ id: row.id, name: row.name.trim(), probability: Number(row.probability) }));

  const onError = (reason: unknown) => {
    saveFailed(reason);
    const error = parseError(reason);
    if (error.is('pipeline.limit_reached')) {
      setLimitError(error);
      return;
    }
    if (error.is('stage.in_use')) {
      const pending: Record<string, string> = {};
      for (const field of Object.keys(error.fields)) {
        if (field.startsWith('moveTo.')) pending[field.slice('moveTo.'.length)] = moveTo?.[field.slice(7)] ?? '';
      }
      setMoveTo(pending);
      return;
    }
    const own: Record<string, string> = {};
    for (const [field, code] of Object.entries(error.fields)) {
      const path = field.replace(/\[(\d+)\]/g, '.$1');
      if (path === 'name' || path.startsWith('stages.')) {
        own[path] = code === 'range' ? t('salesSettings.pipelines.probabilityRange') : fieldErrorText(t, path, code);
      }
    }
    if (Object.keys(own).length > 0) setErrors(own);
    else notify.error(error);
  };

  const submit = (event: React.SyntheticEvent) => {
    event.preventDefault();
    const found = validate();
    setErrors(found);
    setLimitError(null);
    if (Object.keys(found).length > 0) return;
    if (!base) {
      create.mutate(
        { recordType, name: name.trim(), stages: stages() },
        {
          onSuccess: (created) => {
            notify.success(t('salesSettings.pipelines.created', { name: created.name }));
            onDone();
          },
          onError,
        },
      );
      return;
    }
    if (moveTo && Object.values(moveTo).some((target) => !isTarget(target))) return;
    // What was changed against the pipeline as the form was filled.
    const trimmed = name.trim();
    const next = stages();
    const patch = {
      ...(trimmed !== base.name && { name: trimmed }),
      ...(!sameStages(next, base.stages) && { stages: next }),
      ...(moveTo && { moveTo }),
    };
    if (Object.keys(patch).length === 0) {
      onDone();
      return;
    }
    update.mutate(
      { id: base.id, version, patch },
      {
        onSuccess: () => {
          notify.success(t('common.saved'));
          onDone();
        },
        onError,
      },
    );
  };

  const pending = create.isPending || update.isPending;
  // Targets of moved records: stages that stay and already exist (a target removed since no longer counts).
  const targets = rows.filter((row) => row.id !== '').map((row) => ({ value: row.id, label: row.name }));
  function isTarget(id: string) {
    return targets.some((target) => target.value === id);
  }
  const removedName = (id: string) => base?.stages.find((stage) => stage.id === id)?.name ?? id;

  return (
    <form onSubmit={submit} noValidate data-testid="pipeline-form">
      <Stack gap="sm">
        <EditConflictNotice conflict={conflict} />
        <TextInput
          label={t('salesSettings.pipelines.name')}
          withAsterisk
          data-autofocus
          value={name}
          onChange={(event) => {
            setName(event.currentTarget.value);
          }}
          error={errors.name}
        />
        <Text size="sm" fw={500}>
          {t('salesSettings.pipelines.stages')}
        </Text>
        {rows.map((row, index) => {
          const n = index + 1;
          return (
            <Group key={row.key} gap="xs" align="flex-start" wrap="nowrap" data-testid="stage-row">
              <TextInput
                aria-label={t('salesSettings.pipelines.stageName', { n })}
                placeholder={t('salesSettings.pipelines.stageName', { n })}
                style={{ flex: 1 }}
                value={row.name}
                onChange={(event) => {
                  setRow(index, { name: event.currentTarget.value });
                }}
                error={errors[`stages.${index}.name`]}
              />
              <NumberInput
                aria-label={t('salesSettings.pipelines.stageProbability', { n })}
                w={110}
                min={0}
                max={100}
                suffix=" %"
                allowDecimal={false}
                value={row.probability}
                onChange={(value) => {
                  setRow(index, { probability: value });
                }}
                error={errors[`stages.${index}.probability`]}
              />
              <ActionIcon
                variant="subtle"
                size="lg"
                disabled={index === 0}
                aria-label={t('salesSettings.pipelines.moveUp', { n })}
                onClick={() => {
                  swap(index, index - 1);
                }}
              >
                <IconArrowUp size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                size="lg"
                disabled={index === rows.length - 1}
                aria-label={t('salesSettings.pipelines.moveDown', { n })}
                onClick={() => {
                  swap(index, index + 1);
                }}
              >
                <IconArrowDown size={16} />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="lg"
                aria-label={t('salesSettings.pipelines.removeStage', { n })}
                onClick={() => {
                  setRows((previous) => previous.filter((_, at) => at !== index));
                }}
              >
                <IconX size={16} />
              </ActionIcon>
            </Group>
          );
        })}
        {errors.stages && (
          <Text size="sm" c="red">
            {errors.stages}
          </Text>
        )}
        <Group>
          <Button
            variant="subtle"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => {
              setRows((previous) => [...previous, newRow()]);
            }}
          >
            {t('salesSettings.pipelines.addStage')}
          </Button>
        </Group>
        {moveTo && (
          <Alert color="yellow" title={t('salesSettings.pipelines.moveTitle')} data-testid="stage-move">
            <Stack gap="xs">
              <Text size="sm">{t('salesSettings.pipelines.moveBody')}</Text>
              {Object.entries(moveTo).map(([stageId, target]) => (
                <Select
                  key={stageId}
                  label={t('salesSettings.pipelines.moveTo', { stage: removedName(stageId) })}
                  withAsterisk
                  data={targets}
                  value={isTarget(target) ? target : null}
                  onChange={(value) => {
                    setMoveTo({ ...moveTo, [stageId]: value ?? '' });
                  }}
                  error={isTarget(target) ? undefined : t('fields.required')}
                  allowDeselect={false}
                />
              ))}
            </Stack>
          </Alert>
        )}
        {limitError !== null && (
          <Alert color="red" title={t('salesSettings.pipelines.limitReachedTitle')} data-testid="pipeline-limit-error">
            {maxPipelines > 0
              ? t('salesSettings.pipelines.limitReached', { max: format.number(maxPipelines) })
              : errorText(t, limitError)}
          </Alert>
        )}
        <FormActions
          onCancel={onDone}
          pending={pending}
          submit={moveTo ? t('salesSettings.pipelines.moveSubmit') : undefined}
          creating={!base}
        />
      </Stack>
    </form>
  );
}
