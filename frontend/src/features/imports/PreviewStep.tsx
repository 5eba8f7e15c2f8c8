import { Badge, Group, Loader, SegmentedControl, Select, Stack, Table, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_DUPLICATE_ACTIONS,
  isImportDuplicateAction,
  type ImportAnalysis,
  type ImportDuplicates,
  type ImportOutcome,
  type ImportPreview,
  type ImportPreviewRow,
} from '../../api';
import { fieldErrorText } from '../../i18n/errorText';
import { useFormatters } from '../../i18n/format';
import { OwnerSelect } from '../records/OwnerSelect';
import { duplicateCandidates, fieldOf, isMapped, type ColumnChoice, type SettingsErrors } from './mapping';
import { columnName, targetLabel } from './texts';

/** What "nicht prüfen" is in the select (a select's value cannot be ""). */
const NO_CHECK = '-';

const OUTCOME_COLORS: Record<ImportOutcome, string> = {
  created: 'teal',
  updated: 'blue',
  skipped: 'gray',
  failed: 'red',
};

export interface PreviewStepProps {
  analysis: ImportAnalysis;
  choices: readonly ColumnChoice[];
  duplicates: ImportDuplicates;
  onDuplicates: (duplicates: ImportDuplicates) => void;
  ownerId: string;
  onOwner: (ownerId: string) => void;
  preview: ImportPreview | null;
  loading: boolean;
  errors: SettingsErrors;
}

/**
 * Step 3: the duplicate rule (by e-mail or another identifying field: skip, update or create anyway) and the
 * default owner, and the first rows as they would be imported, each cell's problem named in it.
 */
export function PreviewStep({
  analysis,
  choices,
  duplicates,
  onDuplicates,
  ownerId,
  onOwner,
  preview,
  loading,
  errors,
}: PreviewStepProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const candidates = duplicateCandidates(analysis.fields, choices);
  const mapped = choices.filter(isMapped);
  const ruleError = (field: string) => {
    const code = errors.rule[field];
    return code ? fieldErrorText(t, field, code) : undefined;
  };

  return (
    <Stack gap="md">
      <Group align="flex-start" gap="lg" wrap="wrap">
        <Select
          w={260}
          label={t('imports.preview.duplicates')}
          allowDeselect={false}
          data={[
            { value: NO_CHECK, label: t('imports.preview.noCheck') },
            ...candidates.map((field) => ({ value: field.target, label: targetLabel(t, field.target, field) })),
          ]}
          value={duplicates.target || NO_CHECK}
          onChange={(value) => {
            onDuplicates({ ...duplicates, target: !value || value === NO_CHECK ? '' : value });
          }}
          error={ruleError('duplicates.target')}
          data-testid="import-duplicates-target"
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="import-duplicates-action-label">
            {t('imports.preview.action')}
          </Text>
          <SegmentedControl
            aria-labelledby="import-duplicates-action-label"
            disabled={duplicates.target === ''}
            data={IMPORT_DUPLICATE_ACTIONS.map((action) => ({
              value: action,
              label: t(`imports.preview.actions.${action}`),
            }))}
            value={duplicates.action}
            onChange={(value) => {
              if (isImportDuplicateAction(value)) onDuplicates({ ...duplicates, action: value });
            }}
            data-testid="import-duplicates-action"
          />
          {ruleError('duplicates.action') && (
            <Text size="xs" c="red">
              {ruleError('duplicates.action')}
            </Text>
          )}
        </Stack>
        <OwnerSelect
          w={300}
          label={t('imports.preview.owner')}
          value={ownerId || null}
          onChange={(value) => {
            if (value) onOwner(value);
          }}
          error={ruleError('ownerId')}
          data-testid="import-owner"
        />
      </Group>

      <Group gap="xs" justify="space-between">
        <Text size="sm" c="dimmed">
          {t('imports.preview.intro')}
        </Text>
        {preview && (
          <Text size="sm" c="dimmed" data-testid="import-preview-summary">
            {t('imports.preview.summary', {
              shown: format.number(preview.rows.length),
              total: format.number(analysis.rows),
            })}
          </Text>
        )}
      </Group>

      {loading && (
        <Group gap="xs" aria-live="polite">
          <Loader size="xs" />
          <Text size="sm">{t('imports.preview.loading')}</Text>
        </Group>
      )}
      {preview && (
        <Table.ScrollContainer minWidth={Math.max(600, 180 + mapped.length * 150)} maxHeight={420}>
          <Table
            verticalSpacing={6}
            withTableBorder
            withColumnBorders
            stickyHeader
            data-testid="import-preview"
            style={{ opacity: loading ? 0.5 : 1 }}
          >
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={60}>{t('imports.preview.row')}</Table.Th>
                <Table.Th w={170}>{t('imports.preview.outcome')}</Table.Th>
                {mapped.map((choice) => (
                  <Table.Th key={choice.column}>
                    <Text size="sm" fw={600} lineClamp={1}>
                      {targetLabel(t, choice.target, fieldOf(analysis.fields, choice.target))}
                    </Text>
                    <Text size="xs" c="dimmed" fw={400} lineClamp={1}>
                      {columnName(
                        t,
                        analysis.columns.find((column) => column.index === choice.column),
                        choice.column,
                      )}
                    </Text>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {preview.rows.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={mapped.length + 2}>
                    <Text c="dimmed" ta="center" size="sm">
                      {t('imports.preview.empty')}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
              {preview.rows.map((row) => (
                <PreviewRow key={row.row} row={row} mapped={mapped} analysis={analysis} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}

function PreviewRow({
  row,
  mapped,
  analysis,
}: {
  row: ImportPreviewRow;
  mapped: readonly ColumnChoice[];
  analysis: ImportAnalysis;
}) {
  const { t } = useTranslation();
  const problems = Object.entries(row.errors ?? {});
  return (
    <Table.Tr data-testid="import-preview-row" data-row={row.row} data-outcome={row.outcome}>
      <Table.Td>
        <Text size="sm" c="dimmed">
          {row.row}
        </Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <Badge color={OUTCOME_COLORS[row.outcome]} variant="light" data-testid="import-preview-outcome">
            {t(`imports.preview.outcomes.${row.outcome}`)}
          </Badge>
          {row.matchName && (
            <Text size="xs" c="dimmed">
              {t('imports.preview.match', { name: row.matchName })}
            </Text>
          )}
          {problems.map(([target, code]) => (
            <Text size="xs" c="red" key={target} data-testid="import-row-error">
              {rowProblem(t, analysis, target, code)}
            </Text>
          ))}
        </Stack>
      </Table.Td>
      {mapped.map((choice) => {
        const cell = row.cells.find((candidate) => candidate.column === choice.column);
        const error = cell?.error;
        return (
          <Table.Td
            key={choice.column}
            data-testid="import-preview-cell"
            data-error={error}
            style={error ? { background: 'var(--mantine-color-red-0)' } : undefined}
          >
            <Text size="sm" lineClamp={2}>
              {cell?.value ?? ''}
            </Text>
            {error && (
              <Text size="xs" c="red" data-testid="import-cell-error">
                {fieldErrorText(t, choice.target, error)}
              </Text>
            )}
          </Table.Td>
        );
      })}
    </Table.Tr>
  );
}

/** A problem of the row as a whole: "Zeile: …" or the target it concerns and why. */
function rowProblem(t: TFunction, analysis: ImportAnalysis, target: string, code: string): string {
  const label =
    target === 'row' ? t('imports.preview.rowProblems') : targetLabel(t, target, fieldOf(analysis.fields, target));
  return `${label}: ${fieldErrorText(t, target, code)}`;
}
