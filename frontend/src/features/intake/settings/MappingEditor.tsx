import { ActionIcon, Button, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { IconPlus, IconX } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CustomField } from '../../../api';
import { mappingRow, removeAt, replaceAt, targetOptions, type MappingRowState } from './sourceForm';

/** The rows "source field name -> lead field" of a lead source; errors are keyed "mapping.<i>.from|to". */
export function MappingEditor({
  rows,
  onChange,
  customFields,
  errors,
}: {
  rows: readonly MappingRowState[];
  onChange: (rows: MappingRowState[]) => void;
  customFields: readonly CustomField[];
  errors: Readonly<Record<string, string | undefined>>;
}) {
  const { t } = useTranslation();
  const options = useMemo(
    () =>
      targetOptions(customFields, (target) => t(`intake.mapping.targets.${target}`), {
        standard: t('intake.mapping.standardGroup'),
        custom: t('intake.mapping.customGroup'),
      }),
    [customFields, t],
  );
  return (
    <Stack gap="xs" data-testid="mapping-editor">
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('intake.mapping.empty')}
        </Text>
      ) : (
        <Table verticalSpacing="xs">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('intake.mapping.from')}</Table.Th>
              <Table.Th>{t('intake.mapping.to')}</Table.Th>
              <Table.Th w={50} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row, index) => {
              const n = index + 1;
              return (
                <Table.Tr key={row.key} data-testid="mapping-row">
                  <Table.Td>
                    <TextInput
                      aria-label={t('intake.mapping.fromN', { n })}
                      value={row.from}
                      onChange={(event) => {
                        onChange(replaceAt(rows, index, { ...row, from: event.currentTarget.value }));
                      }}
                      error={errors[`mapping.${index}.from`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Select
                      aria-label={t('intake.mapping.toN', { n })}
                      data={options}
                      value={row.to === '' ? null : row.to}
                      onChange={(value) => {
                        onChange(replaceAt(rows, index, { ...row, to: value ?? '' }));
                      }}
                      searchable
                      allowDeselect={false}
                      error={errors[`mapping.${index}.to`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <ActionIcon
                      variant="subtle"
                      color="gray"
                      aria-label={t('intake.mapping.remove', { n })}
                      onClick={() => {
                        onChange(removeAt(rows, index));
                      }}
                    >
                      <IconX size={16} />
                    </ActionIcon>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <div>
        <Button
          variant="subtle"
          leftSection={<IconPlus size={14} />}
          onClick={() => {
            onChange([...rows, mappingRow()]);
          }}
        >
          {t('intake.mapping.add')}
        </Button>
      </div>
    </Stack>
  );
}
