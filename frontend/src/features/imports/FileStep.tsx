import { Alert, Box, Button, Group, Loader, NumberInput, Select, Stack, Table, Text } from '@mantine/core';
import { IconFileSpreadsheet, IconFileUpload } from '@tabler/icons-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import {
  IMPORT_ENCODINGS,
  isImportEncoding,
  onFileDrop,
  parseError,
  type ImportAnalysis,
  type ImportReadOptions,
  type ImportRecordType,
} from '../../api';
import { errorText, fieldErrorText } from '../../i18n/errorText';
import { useFormatters } from '../../i18n/format';
import { useFileDragActive } from '../documents/useUploads';
import { DELIMITERS, delimiterText } from './texts';

/** The largest file the backend takes (api.MaxImportBytes), for the hint. */
const MAX_BYTES = 50 * 1024 * 1024;

export interface FileStepProps {
  recordType: ImportRecordType;
  analysis: ImportAnalysis | null;
  /** The upload or reading in progress. */
  busy: boolean;
  /** Why the last upload or reading failed. */
  error: unknown;
  onPick: () => void;
  onDrop: (path: string) => void;
  /** Reads the uploaded file again another way. */
  onReread: (options: ImportReadOptions) => void;
  /** Tells that something was dropped that cannot be taken (several files). */
  onRefuse: (message: string) => void;
}

/**
 * Step 1: the file, chosen in the native dialog or dropped onto the dialog (the desktop's file-drop path, like the
 * documents'), and what the backend detected in it: format, character set, delimiter, sheet, header row, rows.
 */
export function FileStep({ recordType, analysis, busy, error, onPick, onDrop, onReread, onRefuse }: FileStepProps) {
  const { t } = useTranslation();
  const format = useFormatters();
  const zone = useRef<HTMLDivElement>(null);
  const dragging = useFileDragActive();
  const latest = useRef({ onDrop, onRefuse, busy });
  useEffect(() => {
    latest.current = { onDrop, onRefuse, busy };
  });
  useEffect(
    () =>
      onFileDrop((x, y, paths) => {
        // The drop counts anywhere on the dialog (the modal's content holds the zone).
        const area = zone.current?.closest('.mantine-Modal-content') ?? zone.current;
        const target = document.elementFromPoint(x, y);
        if (!area || !target || !area.contains(target) || latest.current.busy) return;
        const [path] = paths;
        if (paths.length > 1) latest.current.onRefuse(t('imports.file.onlyOne'));
        else if (path) latest.current.onDrop(path);
      }),
    [t],
  );

  return (
    <Stack gap="md">
      <Box
        ref={zone}
        data-testid="import-dropzone"
        p="xl"
        style={{
          border: `2px dashed var(--mantine-color-${dragging ? 'indigo-5' : 'gray-4'})`,
          borderRadius: 'var(--mantine-radius-md)',
          background: dragging ? 'var(--mantine-color-indigo-0)' : undefined,
        }}
      >
        <Stack align="center" gap="xs">
          <IconFileSpreadsheet size={40} stroke={1.4} color="var(--mantine-color-indigo-6)" />
          <Text fw={600}>{t('imports.file.drop')}</Text>
          <Text size="sm" c="dimmed" ta="center">
            {t('imports.file.dropHint', { size: format.bytes(MAX_BYTES) })}
          </Text>
          <Button
            variant="light"
            leftSection={<IconFileUpload size={16} />}
            onClick={onPick}
            disabled={busy}
            data-testid="import-choose"
          >
            {analysis ? t('imports.file.another') : t('imports.file.choose')}
          </Button>
        </Stack>
      </Box>
      {recordType === 'person' && !analysis && (
        <Text size="sm" c="dimmed">
          {t('imports.file.personHint')}
        </Text>
      )}
      {busy && (
        <Group gap="xs" aria-live="polite" data-testid="import-reading">
          <Loader size="xs" />
          <Text size="sm">{t('imports.file.reading')}</Text>
        </Group>
      )}
      {error !== null && error !== undefined && <FileError error={error} />}
      {analysis && !busy && <Detected analysis={analysis} onReread={onReread} />}
    </Stack>
  );
}

/** Why a file was refused: its fields' texts (file, fileName, sheet), else the error's. */
function FileError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const parsed = parseError(error);
  const texts = Object.entries(parsed.fields).map(([field, code]) => fieldErrorText(t, field, code));
  return (
    <Alert color="red" variant="light" data-testid="import-file-error" title={errorText(t, parsed)}>
      {texts.length > 0 && (
        <Stack gap={2}>
          {texts.map((text) => (
            <Text size="sm" key={text}>
              {text}
            </Text>
          ))}
        </Stack>
      )}
    </Alert>
  );
}

/** What the backend detected, with the ways to read the file again (character set, delimiter, sheet, header row). */
function Detected({
  analysis,
  onReread,
}: {
  analysis: ImportAnalysis;
  onReread: (options: ImportReadOptions) => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const options: ImportReadOptions = {
    sheet: analysis.sheet,
    headerRow: analysis.headerRow,
    encoding: analysis.encoding,
    delimiter: analysis.delimiter,
  };
  const [headerRow, setHeaderRow] = useState<number | string>(analysis.headerRow);
  const csv = analysis.format === 'csv';
  const row = (label: string, value: ReactNode, testId: string) => (
    <Table.Tr>
      <Table.Th w={220} fw={500}>
        {label}
      </Table.Th>
      <Table.Td data-testid={testId}>{value}</Table.Td>
    </Table.Tr>
  );
  return (
    <Stack gap="xs" data-testid="import-detected">
      <Text fw={600}>
        {t('imports.file.detected')}: {analysis.fileName}
      </Text>
      <Table withTableBorder verticalSpacing={6}>
        <Table.Tbody>
          {row(t('imports.file.format'), t(`imports.file.formats.${analysis.format}`), 'import-format')}
          {csv &&
            row(
              t('imports.file.encoding'),
              <Select
                size="xs"
                w={240}
                aria-label={t('imports.file.encoding')}
                allowDeselect={false}
                value={analysis.encoding}
                data={IMPORT_ENCODINGS.map((encoding) => ({
                  value: encoding,
                  label: t(`imports.file.encodings.${encoding}`),
                }))}
                onChange={(value) => {
                  if (value && isImportEncoding(value)) onReread({ ...options, encoding: value });
                }}
              />,
              'import-encoding',
            )}
          {csv &&
            row(
              t('imports.file.delimiter'),
              <Select
                size="xs"
                w={240}
                aria-label={t('imports.file.delimiter')}
                allowDeselect={false}
                value={analysis.delimiter}
                data={DELIMITERS.map((delimiter) => ({ value: delimiter, label: delimiterText(t, delimiter) }))}
                onChange={(value) => {
                  if (value) onReread({ ...options, delimiter: value });
                }}
              />,
              'import-delimiter',
            )}
          {!csv &&
            row(
              t('imports.file.sheet'),
              analysis.sheets.length > 1 ? (
                <Select
                  size="xs"
                  w={240}
                  aria-label={t('imports.file.sheet')}
                  allowDeselect={false}
                  value={analysis.sheet}
                  data={analysis.sheets}
                  onChange={(value) => {
                    if (value) onReread({ ...options, sheet: value, headerRow: 0 });
                  }}
                />
              ) : (
                analysis.sheet
              ),
              'import-sheet',
            )}
          {row(
            t('imports.file.headerRow'),
            <Group gap="xs">
              <NumberInput
                size="xs"
                w={90}
                min={1}
                allowDecimal={false}
                aria-label={t('imports.file.headerRow')}
                value={headerRow}
                onChange={setHeaderRow}
              />
              {typeof headerRow === 'number' && headerRow !== analysis.headerRow && headerRow >= 1 && (
                <Button size="xs" variant="default" onClick={() => onReread({ ...options, headerRow })}>
                  {t('imports.file.readAgain')}
                </Button>
              )}
            </Group>,
            'import-header-row',
          )}
          {row(t('imports.file.rows'), format.number(analysis.rows), 'import-rows')}
          {row(t('imports.file.columns'), format.number(analysis.columns.length), 'import-columns')}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
