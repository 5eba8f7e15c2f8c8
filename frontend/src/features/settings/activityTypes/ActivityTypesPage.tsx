import {
  ActionIcon,
  Badge,
  Button,
  ColorInput,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconArchive, IconPencil, IconPlus, IconRestore, IconTrash } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MoveButtons } from '../../../components/TipAction';
import { Loading } from '../../../components/Loading';
import { ACTIVITY_ICONS, isActivityIcon, parseError, type ActivityIcon, type ActivityType } from '../../../api';
import { PageHeader } from '../../../components/PageHeader';
import { QueryError } from '../../../components/QueryError';
import { useNotify } from '../../../components/notify';
import { useConfirmDelete } from '../../../components/useConfirmDelete';
import { fieldErrorText } from '../../../i18n/errorText';
import { useActivityTypes } from '../../activities/hooks';
import { EditConflictNotice } from '../../live/EditConflictNotice';
import { useEditConflict } from '../../live/editConflict';
import { ActivityTypeIcon } from '../../activities/ActivityTypeIcon';
import { ACTIVITY_ICON_COMPONENTS } from '../../activities/icons';
import { useCreateActivityType, useDeleteActivityType, useUpdateActivityType } from './hooks';
import { moveItem, settingsOrder } from './order';
import { FormActions } from '../../../components/FormActions';
import { FormDialog } from '../../../components/FormDialog';

/** The colours offered as swatches (Mantine's palette at shade 6, like the default types'). */
const TYPE_SWATCHES = [
  '#228be6',
  '#7950f2',
  '#12b886',
  '#fab005',
  '#fd7e14',
  '#fa5252',
  '#e64980',
  '#15aabf',
  '#40c057',
  '#82c91e',
  '#be4bdb',
  '#868e96',
];

/** Settings > Aktivitätstypen: the kinds of activities, with colour and icon, in the order the pickers show them. */
export function ActivityTypesPage() {
  const { t } = useTranslation();
  const notify = useNotify();
  const types = useActivityTypes(true);
  const update = useUpdateActivityType();
  const remove = useDeleteActivityType();
  const askDelete = useConfirmDelete();
  const [showArchived, setShowArchived] = useState(false);
  const [moving, setMoving] = useState(false);
  // An edit holds the type's ID: the form follows the type as the list has it now.
  const [dialog, setDialog] = useState<{ id?: string } | null>(null);

  const ordered = useMemo(() => settingsOrder(types.data?.items ?? []), [types.data]);
  const active = useMemo(() => ordered.filter((type) => !type.archived), [ordered]);
  const shown = showArchived ? ordered : active;

  if (types.isError) return <QueryError error={types.error} onRetry={() => void types.refetch()} />;

  const setArchived = (type: ActivityType, archived: boolean) => {
    update.mutate(
      { id: type.id, version: type.version, patch: { archived } },
      {
        onSuccess: () => {
          notify.success(
            archived
              ? t('activityTypes.archivedDone', { name: type.name })
              : t('activityTypes.restored', { name: type.name }),
          );
        },
        onError: (error) => {
          notify.error(error);
        },
      },
    );
  };

  const move = async (type: ActivityType, direction: -1 | 1) => {
    setMoving(true);
    try {
      for (const change of moveItem(active, type.id, direction)) {
        await update.mutateAsync({
          id: change.item.id,
          version: change.item.version,
          patch: { position: change.position },
        });
      }
    } catch (error) {
      notify.error(error);
    } finally {
      setMoving(false);
    }
  };

  /** A type in use cannot be deleted (409 in_use): the dialog then offers to archive it. */
  const confirmDelete = (type: ActivityType) => {
    askDelete({
      title: t('activityTypes.deleteTitle'),
      body: t('activityTypes.deleteBody', { name: type.name }),
      remove: () => remove.mutateAsync({ id: type.id, version: type.version }),
      deleted: t('activityTypes.deleted', { name: type.name }),
      inUse: type.archived
        ? { message: t('activityTypes.inUseArchived') }
        : {
            offerArchive: {
              title: t('activityTypes.inUseTitle'),
              body: t('activityTypes.inUseBody', { name: type.name }),
              confirm: t('activityTypes.archive'),
              archive: () => {
                setArchived(type, true);
              },
            },
          },
    });
  };

  return (
    <Stack maw={1100} data-testid="activity-types-page">
      <PageHeader title={t('activityTypes.title')}>
        <Button
          leftSection={<IconPlus size={16} />}
          onClick={() => {
            setDialog({});
          }}
        >
          {t('activityTypes.create')}
        </Button>
      </PageHeader>
      <Text size="sm" c="dimmed">
        {t('activityTypes.intro')}
      </Text>
      <Switch
        label={t('activityTypes.showArchived')}
        checked={showArchived}
        onChange={(event) => {
          setShowArchived(event.currentTarget.checked);
        }}
      />
      {types.isPending ? (
        <Loading />
      ) : shown.length === 0 ? (
        <Text c="dimmed">{t('activityTypes.empty')}</Text>
      ) : (
        <Paper withBorder radius="md">
          <Table verticalSpacing="sm" highlightOnHover data-testid="activity-types-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={70}>{t('activityTypes.icon')}</Table.Th>
                <Table.Th>{t('activityTypes.name')}</Table.Th>
                <Table.Th w={140}>{t('activityTypes.color')}</Table.Th>
                <Table.Th w={230}>{t('common.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((type) => {
                const index = active.findIndex((candidate) => candidate.id === type.id);
                return (
                  <Table.Tr
                    key={type.id}
                    data-testid="activity-type-row"
                    data-name={type.name}
                    data-color={type.color}
                    data-icon={type.icon}
                    data-archived={type.archived}
                  >
                    <Table.Td>
                      <ActivityTypeIcon icon={type.icon} color={type.color} size="lg" label={iconLabel(t, type.icon)} />
                    </Table.Td>
                    <Table.Td>
                      <Group gap="xs">
                        <Text fw={500} c={type.archived ? 'dimmed' : undefined}>
                          {type.name}
                        </Text>
                        {type.archived && (
                          <Badge size="xs" color="gray">
                            {t('activityTypes.archived')}
                          </Badge>
                        )}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={6}>
                        <span
                          style={{
                            width: 14,
                            height: 14,
                            borderRadius: 4,
                            background: type.color,
                            display: 'inline-block',
                          }}
                        />
                        <Text size="sm" ff="monospace">
                          {type.color}
                        </Text>
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        {!type.archived && (
                          <MoveButtons
                            tips={{ up: t('activityTypes.moveUp'), down: t('activityTypes.moveDown') }}
                            labels={{
                              up: t('activityTypes.moveUpNamed', { name: type.name }),
                              down: t('activityTypes.moveDownNamed', { name: type.name }),
                            }}
                            first={index <= 0}
                            last={index === active.length - 1}
                            disabled={moving}
                            onMove={(direction) => void move(type, direction)}
                          />
                        )}
                        <ActionIcon
                          variant="subtle"
                          aria-label={t('activityTypes.editNamed', { name: type.name })}
                          onClick={() => {
                            setDialog({ id: type.id });
                          }}
                        >
                          <IconPencil size={16} />
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="gray"
                          aria-label={
                            type.archived
                              ? t('activityTypes.restoreNamed', { name: type.name })
                              : t('activityTypes.archiveNamed', { name: type.name })
                          }
                          onClick={() => {
                            setArchived(type, !type.archived);
                          }}
                        >
                          {type.archived ? <IconRestore size={16} /> : <IconArchive size={16} />}
                        </ActionIcon>
                        <ActionIcon
                          variant="subtle"
                          color="red"
                          aria-label={t('activityTypes.deleteNamed', { name: type.name })}
                          onClick={() => {
                            confirmDelete(type);
                          }}
                        >
                          <IconTrash size={16} />
                        </ActionIcon>
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Paper>
      )}
      <FormDialog
        opened={dialog !== null}
        onClose={() => {
          setDialog(null);
        }}
        title={dialog?.id ? t('activityTypes.editTitle') : t('activityTypes.createTitle')}
      >
        {dialog !== null && (
          <TypeForm
            key={dialog.id ?? 'new'}
            type={dialog.id === undefined ? undefined : types.data?.items.find((type) => type.id === dialog.id)}
            icons={(types.data?.icons ?? ACTIVITY_ICONS).filter(isActivityIcon)}
            onDone={() => {
              setDialog(null);
            }}
          />
        )}
      </FormDialog>
    </Stack>
  );
}

function iconLabel(t: TFunction, icon: string): string {
  return isActivityIcon(icon) ? t(`activityTypes.icons.${icon}`) : icon;
}

interface TypeErrors {
  name?: string;
  color?: string;
  icon?: string;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

function TypeForm({
  type,
  icons,
  onDone,
}: {
  /** The type to edit as the list has it now (it reloads on every change); absent to create one. */
  type?: ActivityType;
  icons: readonly ActivityIcon[];
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const create = useCreateActivityType();
  const update = useUpdateActivityType();
  const [name, setName] = useState(type?.name ?? '');
  const [color, setColor] = useState(type?.color ?? TYPE_SWATCHES[0] ?? '#228be6');
  const [icon, setIcon] = useState<string>(type?.icon ?? 'phone');
  const [errors, setErrors] = useState<TypeErrors>({});
  // The type as the form was filled, the version a save goes against, and someone else's change meanwhile.
  const { base, version, conflict, saveFailed } = useEditConflict('activity_type', type, (latest) => {
    setName(latest.name);
    setColor(latest.color);
    setIcon(latest.icon);
    setErrors({});
  });

  const onError = (error: unknown) => {
    saveFailed(error);
    const parsed = parseError(error);
    const fields: TypeErrors = {};
    for (const field of ['name', 'color', 'icon'] as const) {
      const code = parsed.fields[field];
      if (code) {
        fields[field] =
          field === 'name' && code === 'taken' ? t('activityTypes.nameTaken') : fieldErrorText(t, field, code);
      }
    }
    if (Object.keys(fields).length > 0) setErrors(fields);
    else notify.error(parsed);
  };

  const submit = (event: React.SyntheticEvent) => {
    event.preventDefault();
    const next: TypeErrors = {};
    if (name.trim() === '') next.name = t('activityTypes.nameRequired');
    else if (name.trim().length > 60) next.name = t('activityTypes.nameTooLong');
    if (!COLOR.test(color.trim())) next.color = t('activityTypes.colorInvalid');
    if (!isActivityIcon(icon)) next.icon = t('activityTypes.iconRequired');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const body = { name: name.trim(), color: color.trim().toLowerCase(), icon };
    const done = () => {
      notify.success(base ? t('common.saved') : t('activityTypes.created', { name: body.name }));
      onDone();
    };
    if (base) {
      const patch = {
        ...(body.name !== base.name && { name: body.name }),
        ...(body.color !== base.color.toLowerCase() && { color: body.color }),
        ...(body.icon !== base.icon && { icon: body.icon }),
      };
      if (Object.keys(patch).length === 0) {
        onDone();
        return;
      }
      update.mutate({ id: base.id, version, patch }, { onSuccess: done, onError });
    } else {
      create.mutate(body, { onSuccess: done, onError });
    }
  };

  const pending = create.isPending || update.isPending;
  return (
    <form onSubmit={submit} noValidate data-testid="activity-type-form">
      <Stack gap="sm">
        <EditConflictNotice conflict={conflict} />
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <ActivityTypeIcon icon={icon} color={COLOR.test(color) ? color : '#868e96'} size="xl" />
          <TextInput
            label={t('activityTypes.name')}
            withAsterisk
            data-autofocus
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
              setErrors((previous) => ({ ...previous, name: undefined }));
            }}
            error={errors.name}
            style={{ flex: 1 }}
          />
        </Group>
        <ColorInput
          label={t('activityTypes.color')}
          format="hex"
          swatches={TYPE_SWATCHES}
          swatchesPerRow={12}
          // Swatches and the typed code only: Mantine's saturation and hue sliders cannot be given an accessible
          // name through ColorInput (axe: aria-input-field-name).
          withPicker={false}
          value={color}
          onChange={(value) => {
            setColor(value);
            setErrors((previous) => ({ ...previous, color: undefined }));
          }}
          error={errors.color}
          withEyeDropper={false}
          data-testid="type-color"
        />
        <div>
          <Text size="sm" fw={500} mb={6} id="type-icon-label">
            {t('activityTypes.icon')}
          </Text>
          <SimpleGrid
            cols={10}
            spacing={6}
            verticalSpacing={6}
            role="radiogroup"
            aria-labelledby="type-icon-label"
            data-testid="icon-picker"
          >
            {icons.map((candidate) => {
              const Component = ACTIVITY_ICON_COMPONENTS[candidate];
              const selected = candidate === icon;
              return (
                <Tooltip key={candidate} label={iconLabel(t, candidate)}>
                  <ActionIcon
                    size="lg"
                    variant={selected ? 'filled' : 'default'}
                    color={selected && COLOR.test(color) ? color : undefined}
                    role="radio"
                    aria-checked={selected}
                    aria-label={iconLabel(t, candidate)}
                    data-icon={candidate}
                    onClick={() => {
                      setIcon(candidate);
                      setErrors((previous) => ({ ...previous, icon: undefined }));
                    }}
                  >
                    <Component size={18} stroke={1.7} />
                  </ActionIcon>
                </Tooltip>
              );
            })}
          </SimpleGrid>
          {errors.icon && (
            <Text size="xs" c="red" mt={4}>
              {errors.icon}
            </Text>
          )}
        </div>
        <FormActions onCancel={onDone} pending={pending} creating={!base} mt="sm" />
      </Stack>
    </form>
  );
}
