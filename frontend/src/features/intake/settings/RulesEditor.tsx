import { ActionIcon, Button, Card, Group, MultiSelect, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconX } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Unit } from '../../../api';
import { useFormatters } from '../../../i18n/format';
import { countryOptions } from '../../records/countries';
import { OwnerSelect } from '../../records/OwnerSelect';
import { UnitSelect } from '../../settings/units/UnitSelect';
import { changeAssigneeKind, moveRow, removeAt, replaceAt, ruleRow, type RuleRowState } from './sourceForm';

/**
 * The ordered assignment rules of a lead source: PLZ range, countries, and a user or a unit (round robin). The first
 * rule that holds decides. Errors are keyed "rules.<i>.assigneeId|postalFrom".
 */
export function RulesEditor({
  rows,
  onChange,
  units,
  errors,
}: {
  rows: readonly RuleRowState[];
  onChange: (rows: RuleRowState[]) => void;
  units: readonly Unit[];
  errors: Readonly<Record<string, string | undefined>>;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const countries = useMemo(() => countryOptions(locale).flatMap((group) => group.items), [locale]);
  const countryData = useMemo(() => {
    const seen = new Set<string>();
    return countries.filter((item) => (seen.has(item.value) ? false : (seen.add(item.value), true)));
  }, [countries]);

  return (
    <Stack gap="sm" data-testid="rules-editor">
      {rows.length === 0 && (
        <Text size="sm" c="dimmed">
          {t('intake.rules.empty')}
        </Text>
      )}
      {rows.map((rule, index) => {
        const n = index + 1;
        const set = (next: RuleRowState) => {
          onChange(replaceAt(rows, index, next));
        };
        return (
          <Card key={rule.key} withBorder padding="sm" data-testid="rule-row">
            <Group justify="space-between" mb="xs">
              <Text size="sm" fw={600}>
                {t('intake.rules.rule', { n })}
              </Text>
              <Group gap={4}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('intake.rules.up', { n })}
                  disabled={index === 0}
                  onClick={() => {
                    onChange(moveRow(rows, index, -1));
                  }}
                >
                  <IconArrowUp size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('intake.rules.down', { n })}
                  disabled={index === rows.length - 1}
                  onClick={() => {
                    onChange(moveRow(rows, index, 1));
                  }}
                >
                  <IconArrowDown size={16} />
                </ActionIcon>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  aria-label={t('intake.rules.remove', { n })}
                  onClick={() => {
                    onChange(removeAt(rows, index));
                  }}
                >
                  <IconX size={16} />
                </ActionIcon>
              </Group>
            </Group>
            <Group grow align="flex-start">
              <TextInput
                label={t('intake.rules.postalFrom')}
                value={rule.postalFrom}
                inputMode="numeric"
                onChange={(event) => {
                  set({ ...rule, postalFrom: event.currentTarget.value });
                }}
                error={errors[`rules.${index}.postalFrom`]}
              />
              <TextInput
                label={t('intake.rules.postalTo')}
                value={rule.postalTo}
                inputMode="numeric"
                onChange={(event) => {
                  set({ ...rule, postalTo: event.currentTarget.value });
                }}
                error={errors[`rules.${index}.postalTo`]}
              />
              <MultiSelect
                label={t('intake.rules.countries')}
                data={countryData}
                value={rule.countries}
                onChange={(countries) => {
                  set({ ...rule, countries });
                }}
                searchable
                clearable
                error={errors[`rules.${index}.countries`]}
              />
            </Group>
            <Group grow align="flex-end" mt="xs">
              <SegmentedControl
                aria-label={t('intake.rules.assigneeKind')}
                data={[
                  { value: 'user', label: t('intake.rules.user') },
                  { value: 'unit', label: t('intake.rules.unit') },
                ]}
                value={rule.assigneeKind}
                onChange={(value) => {
                  set(changeAssigneeKind(rule, value === 'unit' ? 'unit' : 'user'));
                }}
              />
              {rule.assigneeKind === 'user' ? (
                <OwnerSelect
                  label={t('intake.rules.assignee')}
                  value={rule.assigneeId === '' ? null : rule.assigneeId}
                  onChange={(value) => {
                    set({ ...rule, assigneeId: value ?? '' });
                  }}
                  error={errors[`rules.${index}.assigneeId`]}
                />
              ) : (
                <UnitSelect
                  label={t('intake.rules.assignee')}
                  units={units}
                  value={rule.assigneeId === '' ? null : rule.assigneeId}
                  onChange={(value) => {
                    set({ ...rule, assigneeId: value ?? '' });
                  }}
                  error={errors[`rules.${index}.assigneeId`]}
                />
              )}
            </Group>
          </Card>
        );
      })}
      <div>
        <Button
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          onClick={() => {
            onChange([...rows, ruleRow()]);
          }}
        >
          {t('intake.rules.add')}
        </Button>
      </div>
    </Stack>
  );
}
