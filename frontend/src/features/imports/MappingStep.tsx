import { Alert, Badge, Select, Stack, Table, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import {
  IMPORT_DATE_FORMATS,
  IMPORT_NUMBER_FORMATS,
  isImportDateFormat,
  isImportNumberFormat,
  type ImportAnalysis,
  type ImportColumn,
  type ImportField,
} from '../../api';
import { fieldErrorText } from '../../i18n/errorText';
import { choose, duplicateTargets, fieldOf, IGNORE, type ColumnChoice, type SettingsErrors } from './mapping';
import { columnName, targetLabel, targetOptions } from './texts';

export interface MappingStepProps {
  analysis: ImportAnalysis;
  choices: readonly ColumnChoice[];
  onChange: (choices: ColumnChoice[]) => void;
  /** The server's answer to the last check of these settings. */
  errors: SettingsErrors;
}

/**
 * Step 2: each column of the file with its header and sample values, the field it goes into (the suggested one
 * preselected), and for numbers and dates the format detected in the column, to confirm or change. Two columns to
 * one field are marked at once; the server's complaints land next to their columns.
 */
export function MappingStep({ analysis, choices, onChange, errors }: MappingStepProps) {
  const { t } = useTranslation();
  const options = useMemo(() => targetOptions(t, analysis.fields), [t, analysis.fields]);
  const doubled = useMemo(() => duplicateTargets(choices), [choices]);
  const missing = Object.entries(errors.missing);

  const update = (next: ColumnChoice) => {
    onChange(choices.map((choice) => (choice.column === next.column ? next : choice)));
  };

  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('imports.mapping.intro')}
      </Text>
      {missing.length > 0 && (
        <Alert color="red" variant="light" data-testid="import-mapping-missing">
          <Stack gap={2}>
            {missing.map(([target, code]) => (
              <Text size="sm" key={target}>
                {missingText(t, analysis, target, code)}
              </Text>
            ))}
          </Stack>
        </Alert>
      )}
      {/* The table scrolls, so that the dialog's buttons stay in sight. */}
      <Table.ScrollContainer minWidth={760} maxHeight="calc(100vh - 340px)">
        <Table verticalSpacing="xs" stickyHeader data-testid="import-mapping">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w="22%">{t('imports.mapping.column')}</Table.Th>
              <Table.Th w="30%">{t('imports.mapping.samples')}</Table.Th>
              <Table.Th w="28%">{t('imports.mapping.target')}</Table.Th>
              <Table.Th w="20%">{t('imports.mapping.format')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {choices.map((choice) => {
              const column = analysis.columns.find((candidate) => candidate.index === choice.column);
              const name = columnName(t, column, choice.column);
              const field = fieldOf(analysis.fields, choice.target);
              const others = (doubled.get(choice.target) ?? []).filter((other) => other !== choice.column);
              const [firstOther] = others;
              const serverErrors = errors.columns[choice.column] ?? {};
              const targetError =
                firstOther !== undefined
                  ? t('imports.mapping.duplicateTarget', {
                      other: columnName(
                        t,
                        analysis.columns.find((candidate) => candidate.index === firstOther),
                        firstOther,
                      ),
                    })
                  : serverErrors.target
                    ? fieldErrorText(t, 'columns[0].target', serverErrors.target)
                    : serverErrors.column
                      ? fieldErrorText(t, 'columns[0].column', serverErrors.column)
                      : undefined;
              return (
                <Table.Tr key={choice.column} data-testid="import-mapping-row" data-column={name}>
                  <Table.Td>
                    <Text fw={600} size="sm" data-testid="import-column-header">
                      {name}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" c="dimmed" lineClamp={2} data-testid="import-column-samples">
                      {(column?.samples ?? []).join(' · ')}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Select
                      size="sm"
                      searchable
                      allowDeselect={false}
                      aria-label={t('imports.mapping.targetFor', { header: name })}
                      data={options}
                      value={choice.target || IGNORE}
                      onChange={(value) => {
                        update(choose(analysis, choice, value ?? IGNORE));
                      }}
                      error={targetError}
                      data-testid="import-target"
                      data-duplicate={firstOther !== undefined ? 'true' : undefined}
                    />
                    {field?.required && (
                      <Badge size="xs" variant="light" color="gray" mt={4}>
                        {t('imports.mapping.required')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <FormatSelect
                      choice={choice}
                      column={column}
                      field={field}
                      name={name}
                      errors={serverErrors}
                      onChange={update}
                    />
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

/** The number or date format of a column mapped to a number or date field, the detected one named. */
function FormatSelect({
  choice,
  column,
  field,
  name,
  errors,
  onChange,
}: {
  choice: ColumnChoice;
  column: ImportColumn | undefined;
  field: ImportField | undefined;
  name: string;
  errors: SettingsErrors['columns'][number];
  onChange: (choice: ColumnChoice) => void;
}) {
  const { t } = useTranslation();
  if (field?.kind === 'number') {
    return (
      <Stack gap={2}>
        <Select
          size="sm"
          allowDeselect={false}
          aria-label={t('imports.mapping.numberFor', { header: name })}
          data={IMPORT_NUMBER_FORMATS.map((value) => ({ value, label: t(`imports.numberFormats.${value}`) }))}
          value={choice.number || null}
          onChange={(value) => {
            if (value && isImportNumberFormat(value)) onChange({ ...choice, number: value });
          }}
          error={errors.number ? fieldErrorText(t, 'columns[0].number', errors.number) : undefined}
          data-testid="import-number-format"
        />
        {column?.number && (
          <Text size="xs" c="dimmed">
            {t('imports.mapping.detectedFormat', { format: t(`imports.numberFormats.${column.number}`) })}
          </Text>
        )}
      </Stack>
    );
  }
  if (field?.kind === 'date') {
    return (
      <Stack gap={2}>
        <Select
          size="sm"
          allowDeselect={false}
          aria-label={t('imports.mapping.dateFor', { header: name })}
          data={IMPORT_DATE_FORMATS.map((value) => ({ value, label: t(`imports.dateFormats.${value}`) }))}
          value={choice.date || null}
          onChange={(value) => {
            if (value && isImportDateFormat(value)) onChange({ ...choice, date: value });
          }}
          error={errors.date ? fieldErrorText(t, 'columns[0].date', errors.date) : undefined}
          data-testid="import-date-format"
        />
        {column?.date && (
          <Text size="xs" c="dimmed">
            {t('imports.mapping.detectedFormat', { format: t(`imports.dateFormats.${column.date}`) })}
          </Text>
        )}
      </Stack>
    );
  }
  // Detected formats of a column not mapped to a number or date field: shown, nothing to choose.
  const detected = column?.date
    ? t(`imports.dateFormats.${column.date}`)
    : column?.number
      ? t(`imports.numberFormats.${column.number}`)
      : '';
  return (
    <Text size="xs" c="dimmed">
      {detected && t('imports.mapping.detectedFormat', { format: detected })}
    </Text>
  );
}

/** A required target the mapping lacks, in words. */
function missingText(t: TFunction, analysis: ImportAnalysis, target: string, code: string): string {
  if (code !== 'required')
    return `${targetLabel(t, target, fieldOf(analysis.fields, target))}: ${fieldErrorText(t, target, code)}`;
  if (target === 'lastName' && analysis.recordType === 'person') return t('imports.mapping.missingPersonName');
  if (target === 'organization') return t('imports.mapping.missingOrganization');
  return t('imports.mapping.missing', { field: targetLabel(t, target, fieldOf(analysis.fields, target)) });
}
