import { Button, Group, Input, Paper, Pill, SegmentedControl, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { IconFilterOff } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { OWNER_KEYWORDS, type ActivityLinkType, type ActivityType, type OwnerKeyword } from '../../api';
import { useFormatters } from '../../i18n/format';
import { useMe } from '../auth/session';
import { DateField } from '../records/list/DateField';
import { useUnits, useUsers } from '../settings/queries';
import { chooseDue, defaultActivityFilter, dueChoice, sameFilter, type ActivityFilter } from './activityQuery';
import { seesOthers, usersInReach } from './assignees';
import { useActivityTypes, useLinkedRecordName } from './hooks';
import { ActivityTypeIcon } from './ActivityTypeIcon';
import { useActivityDates } from './dates';

const ANY = 'any';

const ASSIGNEE_LABELS = {
  me: 'activities.filter.assigneeMe',
  team: 'activities.filter.assigneeTeam',
} as const satisfies Record<OwnerKeyword, string>;

/**
 * The activity list's filters: whose (mine, my team, a user), when due (today, this week, overdue, a range), type
 * and status; conditions that come from elsewhere (a record's page, a dashboard figure: the linked record, when done)
 * show as chips that can be removed. In the week view the week is the date range, so "when due" is left out.
 */
export function ActivityFilters({
  filter,
  onChange,
  week,
}: {
  filter: ActivityFilter;
  onChange: (filter: ActivityFilter) => void;
  week: boolean;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const dates = useActivityDates();
  const me = useMe();
  const users = useUsers();
  const units = useUnits();
  const types = useActivityTypes(true);
  const linkedName = useLinkedRecordName(filter.recordType, filter.recordId);
  const others = seesOthers(me.role);
  const defaultFilter = defaultActivityFilter(me.defaultScope);

  const assigneeData = useMemo(() => {
    const general = [
      { value: ANY, label: t('activities.filter.assigneeAll') },
      // The team is a choice only for those who see the work of others (or whose default it is).
      ...OWNER_KEYWORDS.filter((keyword) => others || keyword !== 'team' || filter.assignee === 'team').map(
        (keyword) => ({
          value: keyword,
          label: t(ASSIGNEE_LABELS[keyword]),
        }),
      ),
    ];
    if (!others) return general;
    const people = usersInReach(me, users.data ?? [], units.data ?? [], 'view', locale, filter.assignee)
      .filter((user) => user.id !== me.user.id)
      .map((user) => ({ value: user.id, label: user.name }));
    // A user ID from elsewhere (a dashboard figure) whose name is not known (yet) still shows as chosen.
    const known =
      general.some((item) => item.value === filter.assignee) || people.some((item) => item.value === filter.assignee);
    if (filter.assignee === me.user.id) {
      people.unshift({ value: me.user.id, label: me.user.name });
    } else if (filter.assignee !== '' && !known) {
      people.push({ value: filter.assignee, label: t('activities.filter.unknownUser') });
    }
    return [
      { group: t('activities.filter.assigneeGroups.general'), items: general },
      { group: t('activities.filter.assigneeGroups.users'), items: people },
    ];
  }, [others, me, users.data, units.data, locale, filter.assignee, t]);

  const typeById = useMemo(
    () => new Map<string, ActivityType>((types.data?.items ?? []).map((type) => [type.id, type])),
    [types.data],
  );
  const typeData = useMemo(
    () =>
      (types.data?.items ?? [])
        .filter((type) => !type.archived || type.id === filter.typeId)
        .map((type) => ({ value: type.id, label: type.name })),
    [types.data, filter.typeId],
  );
  const selectedType = typeById.get(filter.typeId);
  const due = dueChoice(filter);

  const chips: { key: string; label: string; clear: ActivityFilter }[] = [];
  if (filter.recordId !== '') {
    const kind = t(`activities.links.${filter.recordType as ActivityLinkType}`);
    chips.push({
      key: 'record',
      label: t('activities.filter.linkedTo', { kind, name: linkedName ?? '…' }),
      clear: { ...filter, recordType: '', recordId: '' },
    });
  }
  if (filter.doneFrom !== '' || filter.doneTo !== '') {
    chips.push({
      key: 'done',
      label: t('activities.filter.doneBetween', {
        from: filter.doneFrom === '' ? '…' : dates.day(filter.doneFrom),
        to: filter.doneTo === '' ? '…' : dates.day(filter.doneTo),
      }),
      clear: { ...filter, doneFrom: '', doneTo: '' },
    });
  }

  return (
    <Paper withBorder radius="md" p="md" data-testid="activity-filters">
      <Stack gap="sm">
        <SimpleGrid cols={{ base: 1, sm: 2, md: week ? 3 : 4 }} spacing="sm">
          <Select
            label={t('activities.filter.assignee')}
            data={assigneeData}
            value={filter.assignee === '' ? ANY : filter.assignee}
            onChange={(value) => {
              onChange({ ...filter, assignee: value === null || value === ANY ? '' : value });
            }}
            allowDeselect={false}
            searchable={others}
            data-testid="filter-assignee"
          />
          {!week && (
            <Select
              label={t('activities.filter.due')}
              data={(['any', 'today', 'week', 'overdue', 'range'] as const).map((choice) => ({
                value: choice,
                label: t(`activities.filter.dueChoices.${choice}`),
              }))}
              value={due}
              onChange={(value) => {
                onChange(chooseDue(filter, value ?? 'any'));
              }}
              allowDeselect={false}
              data-testid="filter-due"
            />
          )}
          <Select
            label={t('activities.filter.type')}
            placeholder={t('activities.filter.anyType')}
            data={typeData}
            value={filter.typeId === '' ? null : filter.typeId}
            onChange={(value) => {
              onChange({ ...filter, typeId: value ?? '' });
            }}
            renderOption={({ option }) => {
              const type = typeById.get(option.value);
              return (
                <Group gap="xs" wrap="nowrap">
                  {type && <ActivityTypeIcon icon={type.icon} color={type.color} size="sm" />}
                  <Text size="sm">{option.label}</Text>
                </Group>
              );
            }}
            leftSection={
              selectedType ? <ActivityTypeIcon icon={selectedType.icon} color={selectedType.color} size="xs" /> : null
            }
            clearable
            data-testid="filter-type"
          />
          <Input.Wrapper label={t('activities.filter.status')}>
            <SegmentedControl
              fullWidth
              value={filter.status === '' ? ANY : filter.status}
              onChange={(value) => {
                onChange({ ...filter, status: value === ANY ? '' : value });
              }}
              data={[
                { value: ANY, label: t('activities.filter.statusAll') },
                { value: 'open', label: t('activities.filter.statusOpen') },
                { value: 'done', label: t('activities.filter.statusDone') },
              ]}
              aria-label={t('activities.filter.status')}
              data-testid="filter-status"
            />
          </Input.Wrapper>
        </SimpleGrid>
        {!week && due === 'range' && (
          <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
            <DateField
              label={t('activities.filter.dueFrom')}
              value={filter.dueFrom}
              onChange={(value) => {
                onChange({ ...filter, due: '', dueFrom: value });
              }}
            />
            <DateField
              label={t('activities.filter.dueTo')}
              value={filter.dueTo}
              onChange={(value) => {
                onChange({ ...filter, due: '', dueTo: value });
              }}
            />
          </SimpleGrid>
        )}
        {(chips.length > 0 || !sameFilter(filter, defaultFilter)) && (
          <Group gap="xs" justify="space-between">
            <Group gap="xs" data-testid="filter-chips">
              {chips.map((chip) => (
                <Pill
                  key={chip.key}
                  size="md"
                  withRemoveButton
                  onRemove={() => {
                    onChange(chip.clear);
                  }}
                  removeButtonProps={{ 'aria-label': t('activities.filter.removeChip', { label: chip.label }) }}
                  data-testid={`chip-${chip.key}`}
                >
                  {chip.label}
                </Pill>
              ))}
            </Group>
            <Button
              variant="subtle"
              color="gray"
              size="xs"
              leftSection={<IconFilterOff size={14} />}
              onClick={() => {
                onChange(defaultFilter);
              }}
              data-testid="filter-reset"
            >
              {t('activities.filter.reset')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
