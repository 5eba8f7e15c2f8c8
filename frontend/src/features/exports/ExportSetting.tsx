import { Paper, Switch, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useNotify } from '../../components/notify';
import { useSetToDownloads, useToDownloadsSetting } from './hooks';

/** The switch "Exporte direkt im Download-Ordner speichern" of this desktop, on the account page. */
export function ExportSetting() {
  const { t } = useTranslation();
  const notify = useNotify();
  const setting = useToDownloadsSetting();
  const save = useSetToDownloads();
  return (
    <Paper withBorder p="xl" radius="md" data-testid="export-settings">
      <Title order={3} size="h4" mb="md">
        {t('exports.setting.title')}
      </Title>
      <Switch
        label={t('exports.setting.toDownloads')}
        description={t('exports.setting.hint')}
        checked={setting.data ?? false}
        disabled={setting.data === undefined}
        onChange={(event) => {
          save.mutate(event.currentTarget.checked, {
            onError: (error) => {
              notify.error(error, t('exports.setting.saveFailed'));
            },
          });
        }}
      />
      {setting.isError && (
        <Text size="xs" c="red" mt="xs">
          {t('exports.setting.saveFailed')}
        </Text>
      )}
    </Paper>
  );
}
