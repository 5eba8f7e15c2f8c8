import { ActionIcon, Button, Group, NumberInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../../api';
import { useFormatters } from '../../../i18n/format';
import { customFieldKind, numberSeparators } from '../customValues';
import { needsValue, OPS_BY_KIND, type ConditionState, type PanelOp } from './filterState';

/** Conditions on custom fields: pick a field, then an operator that fits its kind, then (where needed) a value. */
export function CustomConditions({
  fields,
  conditions,
  onChange,
}: {
  fields: readonly CustomField[];
  conditions: readonly ConditionState[];
  onChange: (conditions: ConditionState[]) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const { decimal, group } = numberSeparators(locale);

  const opLabel = (op: PanelOp, field: CustomField) =>
    op === 'eq' && customFieldKind(field) === 'text' ? t('records.filter.ops.textEq') : t(`records.filter.ops.${op}`);

  const set = (index: number, next: ConditionState) => {
    onChange(conditions.map((condition, at) => (at === index ? next : condition)));
  };

  if (fields.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        {t('records.filter.noCustomFields')}
      </Text>
    );
  }

  return (
    <Stack gap="xs" data-testid="custom-conditions">
      {conditions.map((condition, index) => {
        const field = fields.find((candidate) => candidate.id === condition.fieldId);
        const kind = field ? customFieldKind(field) : null;
        const n = index + 1;
        return (
          // Conditions have no identity of their own; their position is what the user sees and edits.
          <Group key={index} gap="xs" align="flex-end" wrap="nowrap" data-testid="custom-condition">
            <Select
              aria-label={t('records.filter.conditionField', { n })}
              placeholder={t('records.filter.conditionFieldPlaceholder')}
              data={fields.map((candidate) => ({ value: candidate.id, label: candidate.label }))}
              value={condition.fieldId}
              onChange={(fieldId) => {
                const nextField = fields.find((candidate) => candidate.id === fieldId);
                const ops = nextField ? OPS_BY_KIND[customFieldKind(nextField)] : [];
                set(index, { fieldId, op: ops[0] ?? null, value: '' });
              }}
              allowDeselect={false}
              searchable
              w={200}
            />
            <Select
              aria-label={t('records.filter.conditionOp', { n })}
              data={field && kind ? OPS_BY_KIND[kind].map((op) => ({ value: op, label: opLabel(op, field) })) : []}
              value={condition.op}
              onChange={(op) => {
                set(index, { ...condition, op });
              }}
              allowDeselect={false}
              disabled={!field}
              w={140}
            />
            {condition.op !== null && needsValue(condition.op) && kind === 'number' && (
              <NumberInput
                aria-label={t('records.filter.conditionValue', { n })}
                value={condition.value}
                onChange={(value) => {
                  set(index, { ...condition, value });
                }}
                decimalSeparator={decimal}
                thousandSeparator={group}
                hideControls
                w={160}
              />
            )}
            {condition.op !== null && needsValue(condition.op) && kind === 'text' && (
              <TextInput
                aria-label={t('records.filter.conditionValue', { n })}
                value={String(condition.value)}
                onChange={(event) => {
                  set(index, { ...condition, value: event.currentTarget.value });
                }}
                w={200}
              />
            )}
            <ActionIcon
              variant="subtle"
              color="gray"
              size="lg"
              aria-label={t('records.filter.removeCondition', { n })}
              onClick={() => {
                onChange(conditions.filter((_, at) => at !== index));
              }}
            >
              <IconX size={16} />
            </ActionIcon>
          </Group>
        );
      })}
      <Group>
        <Button
          variant="subtle"
          size="xs"
          leftSection={<IconPlus size={14} />}
          onClick={() => {
            onChange([...conditions, { fieldId: null, op: null, value: '' }]);
          }}
        >
          {t('records.filter.addCondition')}
        </Button>
      </Group>
    </Stack>
  );
}
