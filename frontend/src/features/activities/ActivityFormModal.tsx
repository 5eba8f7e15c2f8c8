import {
  Button,
  Checkbox,
  Divider,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { IconTrash } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmDelete } from '../../components/useConfirmDelete';
import { Loaded } from '../../components/Loading';
import { FormActions } from '../../components/FormActions';
import { FormDialog } from '../../components/FormDialog';
import { useDirtyGuard } from '../../components/dirtyGuard';
import { parseError, type Activity, type ActivityType } from '../../api';
import { focusFirstError, formErrors, withFields } from '../../components/forms';
import { useNotify } from '../../components/notify';
import { useFormatters } from '../../i18n/format';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { OrganizationSelect } from '../contacts/OrganizationSelect';
import { EditConflictNotice } from '../live/EditConflictNotice';
import { useFormEditConflict } from '../live/editConflict';
import { HiddenLinkField } from '../records/HiddenRecord';
import { PersonSelect } from '../sales/PersonSelect';
import { useUnits, useUsers } from '../settings/queries';
import {
  DURATION_PRESETS,
  MAX_DURATION_MINUTES,
  activityCreate,
  activityFieldError,
  activityPatch,
  activityValues,
  validateActivity,
  type ActivityLinks,
  type ActivityValues,
} from './activityForm';
import { usersInReach } from './assignees';
import { useActivity, useActivityTypes, useCreateActivity, useDeleteActivity, useUpdateActivity } from './hooks';
import { ActivityTypeIcon } from './ActivityTypeIcon';
import { RecordSelect } from './RecordSelects';

/** Names of the records a new activity is linked to, for the pickers (they show a name before searching). */
export interface ActivityLinkNames {
  personName?: string;
  dealTitle?: string;
  leadTitle?: string;
}

interface ActivityFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The activity to edit; a new one without. */
  activity?: Activity;
  /** A new activity's links (the record it is planned on). */
  links?: ActivityLinks;
  linkNames?: ActivityLinkNames;
  /** A new activity's start (a slot clicked in the calendar); the next full hour without. */
  start?: Date;
}

export function ActivityFormModal({ opened, onClose, activity, links, linkNames, start }: ActivityFormModalProps) {
  const { t } = useTranslation();
  const types = useActivityTypes(true);
  return (
    <FormDialog
      opened={opened}
      onClose={onClose}
      title={activity ? t('activities.form.editTitle') : t('activities.form.createTitle')}
      size="lg"
    >
      <Loaded query={types}>
        {(data) => (
          <ActivityForm
            key={activity?.id ?? 'new'}
            activity={activity}
            types={data.items}
            links={links}
            linkNames={linkNames}
            start={start}
            onDone={onClose}
          />
        )}
      </Loaded>
    </FormDialog>
  );
}

function TypeOption({ type, archived }: { type: ActivityType; archived: string }) {
  return (
    <Group gap="xs" wrap="nowrap">
      <ActivityTypeIcon icon={type.icon} color={type.color} size="sm" />
      <Text size="sm">{type.archived ? `${type.name} (${archived})` : type.name}</Text>
    </Group>
  );
}

function ActivityForm({
  activity,
  types,
  links,
  linkNames,
  start,
  onDone,
}: {
  activity?: Activity;
  types: readonly ActivityType[];
  links?: ActivityLinks;
  linkNames?: ActivityLinkNames;
  start?: Date;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const notify = useNotify();
  const askConfirm = useConfirmDelete();
  const me = useMe();
  const users = useUsers();
  const units = useUnits();
  const create = useCreateActivity();
  const update = useUpdateActivity();
  const remove = useDeleteActivity();

  // Archived types are offered only to keep an activity's own.
  const offered = useMemo(
    () => types.filter((type) => !type.archived || type.id === activity?.typeId),
    [types, activity?.typeId],
  );
  const valuesOf = (loaded: Activity | undefined) =>
    activityValues(loaded, {
      typeId: offered[0]?.id ?? '',
      assigneeId: me.user.id,
      now: new Date(),
      links,
      due: start,
    });
  const form = useForm<ActivityValues>({
    mode: 'controlled',
    initialValues: valuesOf(activity),
    validate: (values) => validateActivity(values, t),
  });
  // The activity as it is now (the list's copy is as old as the list), the one the form was filled from, the version
  // a save goes against, and someone else's change meanwhile.
  const current = useActivity(activity).data ?? activity;
  const { base, version, conflict, saveFailed } = useFormEditConflict('activity', current, form, valuesOf);
  const values = form.getValues();
  useDirtyGuard(form.isDirty());

  const assignees = useMemo(
    () =>
      usersInReach(
        me,
        users.data ?? [],
        units.data ?? [],
        activity ? 'edit' : 'create',
        locale,
        activity?.assigneeId,
      ).map((user) => ({ value: user.id, label: user.name })),
    [me, users.data, units.data, activity, locale],
  );
  const typeById = useMemo(() => new Map<string, ActivityType>(types.map((type) => [type.id, type])), [types]);
  const selectedType = typeById.get(values.typeId);

  const onError = (reason: unknown) => {
    saveFailed(reason);
    const error = parseError(reason);
    const { own, foreign, foreignFields } = formErrors(error.fields, form.values, (field, code) =>
      activityFieldError(t, field, code),
    );
    if (Object.keys(own).length > 0) form.setErrors(own);
    if (Object.keys(own).length === 0 || foreign > 0) notify.error(withFields(error, foreignFields));
  };

  const submit = form.onSubmit((submitted) => {
    if (!base) {
      create.mutate(activityCreate(submitted), {
        onSuccess: (created) => {
          notify.success(t('activities.created', { title: created.title }));
          onDone();
        },
        onError,
      });
      return;
    }
    const patch = activityPatch(submitted, base);
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
  }, focusFirstError);

  const confirmDelete = (target: Activity) => {
    askConfirm({
      title: t('activities.deleteTitle'),
      body: t('activities.deleteBody', { title: target.title }),
      remove: () =>
        remove.mutateAsync({ id: target.id, version: target.version }).then(() => {
          onDone();
        }),
      deleted: t('activities.deleted', { title: target.title }),
    });
  };

  const pending = create.isPending || update.isPending || remove.isPending;
  const archivedLabel = t('activityTypes.archived');

  return (
    <form onSubmit={submit} noValidate data-testid="activity-form">
      <Stack gap="sm">
        <EditConflictNotice conflict={conflict} />
        <TextInput
          label={t('activities.form.title')}
          placeholder={t('activities.form.titlePlaceholder')}
          withAsterisk
          data-autofocus
          {...form.getInputProps('title')}
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <Select
            label={t('activities.form.type')}
            withAsterisk
            data={offered.map((type) => ({ value: type.id, label: type.name }))}
            renderOption={({ option }) => {
              const type = typeById.get(String(option.value));
              return type ? <TypeOption type={type} archived={archivedLabel} /> : option.label;
            }}
            leftSection={
              selectedType ? <ActivityTypeIcon icon={selectedType.icon} color={selectedType.color} size="sm" /> : null
            }
            allowDeselect={false}
            nothingFoundMessage={t('activities.form.noTypes')}
            {...form.getInputProps('typeId')}
          />
          <Select
            label={t('activities.form.assignee')}
            data={assignees}
            searchable
            allowDeselect={false}
            disabled={users.isPending || units.isPending}
            nothingFoundMessage={t('records.owner.nothingFound')}
            {...form.getInputProps('assigneeId')}
          />
          <DateTimePicker
            label={t('activities.form.dueAt')}
            withAsterisk
            valueFormat={t('activities.form.dueAtFormat')}
            placeholder={t('activities.form.dueAtPlaceholder')}
            value={values.dueAt === '' ? null : values.dueAt}
            onChange={(next) => {
              form.setFieldValue('dueAt', next ?? '');
            }}
            error={form.errors.dueAt}
            submitButtonProps={{ 'aria-label': t('activities.form.dueAtApply') }}
            data-testid="activity-due"
          />
          <div>
            <NumberInput
              label={t('activities.form.duration')}
              placeholder={t('activities.form.durationHint')}
              min={0}
              max={MAX_DURATION_MINUTES}
              step={15}
              allowDecimal={false}
              allowNegative={false}
              suffix={` ${t('activities.minutesShort')}`}
              {...form.getInputProps('durationMinutes')}
            />
            {/* Each preset is named by its visible text ("30 Min."), the group says what they set. */}
            <Group gap={4} mt={6} role="group" aria-label={t('activities.form.durationPresets')}>
              {DURATION_PRESETS.map((minutes) => (
                <Button
                  key={minutes}
                  size="compact-xs"
                  variant={values.durationMinutes === minutes ? 'filled' : 'light'}
                  aria-pressed={values.durationMinutes === minutes}
                  onClick={() => {
                    form.setFieldValue('durationMinutes', minutes);
                  }}
                >
                  {t('activities.duration', { minutes })}
                </Button>
              ))}
            </Group>
          </div>
        </SimpleGrid>
        <Textarea
          label={t('activities.form.comment')}
          autosize
          minRows={2}
          maxRows={6}
          {...form.getInputProps('comment')}
        />
        <Divider label={t('activities.form.links')} labelPosition="left" />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <HiddenLinkField
            hidden={values.personHidden}
            label={t('activities.links.person')}
            onReplace={() => {
              form.setFieldValue('personHidden', false);
            }}
            error={form.errors.personId}
          >
            <PersonSelect
              label={t('activities.links.person')}
              value={values.personId}
              knownName={activity?.personName ?? linkNames?.personName}
              onChange={(id) => {
                form.setFieldValue('personId', id);
                form.clearFieldError('personId');
              }}
              error={form.errors.personId}
            />
          </HiddenLinkField>
          <HiddenLinkField
            hidden={values.organizationHidden}
            label={t('activities.links.organization')}
            onReplace={() => {
              form.setFieldValue('organizationHidden', false);
            }}
            error={form.errors.organizationId}
          >
            <OrganizationSelect
              label={t('activities.links.organization')}
              value={values.organizationId}
              onChange={(id) => {
                form.setFieldValue('organizationId', id);
                form.clearFieldError('organizationId');
              }}
              error={form.errors.organizationId}
            />
          </HiddenLinkField>
          <HiddenLinkField
            hidden={values.dealHidden}
            label={t('activities.links.deal')}
            onReplace={() => {
              form.setFieldValue('dealHidden', false);
            }}
            error={form.errors.dealId}
          >
            <RecordSelect
              recordType="deal"
              label={t('activities.links.deal')}
              value={values.dealId}
              knownName={activity?.dealTitle ?? linkNames?.dealTitle}
              onChange={(id) => {
                form.setFieldValue('dealId', id);
                form.clearFieldError('dealId');
              }}
              error={form.errors.dealId}
            />
          </HiddenLinkField>
          <HiddenLinkField
            hidden={values.leadHidden}
            label={t('activities.links.lead')}
            onReplace={() => {
              form.setFieldValue('leadHidden', false);
            }}
            error={form.errors.leadId}
          >
            <RecordSelect
              recordType="lead"
              label={t('activities.links.lead')}
              value={values.leadId}
              knownName={activity?.leadTitle ?? linkNames?.leadTitle}
              onChange={(id) => {
                form.setFieldValue('leadId', id);
                form.clearFieldError('leadId');
              }}
              error={form.errors.leadId}
            />
          </HiddenLinkField>
        </SimpleGrid>
        <Checkbox label={t('activities.form.done')} {...form.getInputProps('done', { type: 'checkbox' })} />
        <Divider mt="sm" />
        <Group justify="space-between">
          <div>
            {activity && grants(me.role, 'activity', 'delete') && (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => {
                  confirmDelete(current ?? activity);
                }}
                disabled={pending}
              >
                {t('common.delete')}
              </Button>
            )}
          </div>
          <FormActions
            onCancel={onDone}
            pending={pending}
            loading={create.isPending || update.isPending}
            disableSubmit
            submit={activity ? undefined : t('activities.form.submitCreate')}
            justify="flex-start"
            gap="sm"
          />
        </Group>
      </Stack>
    </form>
  );
}
