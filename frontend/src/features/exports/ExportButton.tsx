import { Alert, Button, Group, Modal, Progress, Radio, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { exportsApi, type ExportOptions, type ExportResult, type RecordType } from '../../api';
import { useNotify } from '../../components/notify';
import { currentLanguage } from '../../i18n';
import { errorText } from '../../i18n/errorText';
import { useFormatters } from '../../i18n/format';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { exportColumnsOf } from './columns';
import { useExportProgress } from './hooks';

/** The choices of the dialog's format: a workbook, German Excel's CSV, plain CSV. */
const FORMATS = {
  xlsx: { format: 'xlsx', csvStyle: 'excel' },
  csvExcel: { format: 'csv', csvStyle: 'excel' },
  csvComma: { format: 'csv', csvStyle: 'comma' },
} as const satisfies Record<string, Pick<ExportOptions, 'format' | 'csvStyle'>>;
type FormatChoice = keyof typeof FORMATS;

export interface ExportButtonProps {
  recordType: RecordType;
  /** The keys of the list's columns, in their order on screen (offered as "only the columns of the list"). */
  listColumns: readonly string[];
  /** Runs the export of the list's current query with the options. */
  run: (options: ExportOptions) => Promise<ExportResult>;
}

/**
 * "Exportieren" in a list's toolbar: a dialog to choose the format (and whether all fields or the list's columns),
 * progress while the file arrives, and a notification with the saved file and "Öffnen" / "Ordner öffnen". Without
 * the role's export right the button is disabled with a tooltip saying why.
 */
export function ExportButton({ recordType, listColumns, run }: ExportButtonProps) {
  const { t } = useTranslation();
  const me = useMe();
  const [opened, setOpened] = useState(false);
  if (!grants(me.role, recordType, 'export')) {
    return (
      <Tooltip label={t('exports.noRight')}>
        <Button variant="default" leftSection={<IconDownload size={16} />} disabled data-testid="export-button">
          {t('exports.button')}
        </Button>
      </Tooltip>
    );
  }
  return (
    <>
      <Button
        variant="default"
        leftSection={<IconDownload size={16} />}
        onClick={() => {
          setOpened(true);
        }}
        data-testid="export-button"
      >
        {t('exports.button')}
      </Button>
      {opened && (
        <ExportDialog
          recordType={recordType}
          listColumns={listColumns}
          run={run}
          onClose={() => {
            setOpened(false);
          }}
        />
      )}
    </>
  );
}

function ExportDialog({ recordType, listColumns, run, onClose }: ExportButtonProps & { onClose: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const format = useFormatters();
  const [choice, setChoice] = useState<FormatChoice>('xlsx');
  const [scope, setScope] = useState<'all' | 'list'>('all');
  const columns = exportColumnsOf(recordType, listColumns);
  const exporting = useMutation({
    mutationFn: () =>
      run({ ...FORMATS[choice], language: currentLanguage(), columns: scope === 'list' ? columns : [] }),
    onSuccess: (result) => {
      onClose();
      if (result.path !== '') {
        showSaved(result);
      }
    },
  });
  const progress = useExportProgress(exporting.isPending);

  const showSaved = (result: ExportResult) => {
    const id = `export-${result.path}`;
    const action = (label: string, testId: string, open: (path: string) => Promise<void>) => (
      <Button
        size="xs"
        variant="light"
        data-testid={testId}
        onClick={() => {
          open(result.path).catch((reason: unknown) => {
            notify.error(reason);
          });
        }}
      >
        {label}
      </Button>
    );
    notifications.show({
      id,
      color: 'teal',
      autoClose: 15000,
      message: (
        <Stack gap="xs" data-testid="export-done" data-path={result.path} data-rows={result.rows}>
          <Text size="sm">{t('exports.done', { count: result.rows, file: result.fileName })}</Text>
          <Group gap="xs">
            {action(t('exports.open'), 'export-open', exportsApi.open)}
            {action(t('exports.openFolder'), 'export-open-folder', exportsApi.openFolder)}
          </Group>
        </Stack>
      ),
    });
  };

  const status = !progress
    ? t('exports.preparing')
    : progress.total >= 0
      ? t('exports.progressOf', {
          rows: format.number(progress.rows),
          total: format.number(progress.total),
          size: format.bytes(progress.bytes),
        })
      : t('exports.progress', { rows: format.number(progress.rows), size: format.bytes(progress.bytes) });

  return (
    <Modal
      opened
      onClose={() => {
        if (!exporting.isPending) onClose();
      }}
      title={t('exports.title')}
      closeOnClickOutside={!exporting.isPending}
      closeOnEscape={!exporting.isPending}
      withCloseButton={!exporting.isPending}
    >
      <Stack data-testid="export-dialog">
        <Text size="sm" c="dimmed">
          {t('exports.intro')}
        </Text>
        <Radio.Group
          label={t('exports.format')}
          value={choice}
          onChange={(value) => {
            if (value in FORMATS) setChoice(value);
          }}
        >
          <Stack gap="xs" mt="xs">
            {(Object.keys(FORMATS) as FormatChoice[]).map((key) => (
              <Radio
                key={key}
                value={key}
                label={t(`exports.formats.${key}`)}
                disabled={exporting.isPending}
                data-testid={`export-format-${key}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        {columns.length > 0 && (
          <Radio.Group
            label={t('exports.scope')}
            value={scope}
            onChange={(value) => {
              setScope(value === 'list' ? 'list' : 'all');
            }}
          >
            <Stack gap="xs" mt="xs">
              <Radio value="all" label={t('exports.scopes.all')} disabled={exporting.isPending} />
              <Radio
                value="list"
                label={t('exports.scopes.list')}
                disabled={exporting.isPending}
                data-testid="export-scope-list"
              />
            </Stack>
          </Radio.Group>
        )}
        {exporting.isPending && (
          <Stack gap={4} data-testid="export-progress">
            <Progress
              value={progress && progress.total > 0 ? (100 * progress.rows) / progress.total : 100}
              animated
              striped
            />
            <Text size="sm" c="dimmed" aria-live="polite">
              {status}
            </Text>
          </Stack>
        )}
        {exporting.isError && (
          <Alert color="red" title={t('exports.failed')} data-testid="export-error">
            {errorText(t, exporting.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={exporting.isPending}>
            {t('common.cancel')}
          </Button>
          <Button
            leftSection={<IconDownload size={16} />}
            loading={exporting.isPending}
            onClick={() => {
              exporting.mutate();
            }}
            data-testid="export-submit"
          >
            {t('exports.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
