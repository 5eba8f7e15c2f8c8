import { Alert, Anchor, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { openExternal, sessionApi } from '../../api';

const serverInfoKey = (serverUrl: string) => ['serverInfo', serverUrl] as const;

/** The server's version compared with this desktop's; asked once a minute at most. */
function useServerInfo(serverUrl: string) {
  return useQuery({
    queryKey: serverInfoKey(serverUrl),
    queryFn: () => sessionApi.serverInfo(serverUrl),
    enabled: serverUrl !== '',
    staleTime: 60_000,
    retry: false,
  });
}

/**
 * Shown instead of a failure when the server refuses this desktop as too old (client.too_old): which version it
 * needs and where to download it, as the server's operator configured.
 */
export function UpdateRequired({ serverUrl }: { serverUrl: string }) {
  const { t } = useTranslation();
  const info = useServerInfo(serverUrl);
  const server = info.data?.server;
  const download = server?.desktopDownloadUrl ?? '';
  return (
    <Alert
      color="orange"
      icon={<IconDownload />}
      title={t('version.tooOldTitle')}
      role="alert"
      data-testid="update-required"
    >
      <Stack gap="xs" align="flex-start">
        <Text size="sm">
          {server?.minDesktopVersion
            ? t('version.tooOld', { desktop: info.data?.desktopVersion, min: server.minDesktopVersion })
            : t('errors.client.too_old')}
        </Text>
        {download !== '' ? (
          <Anchor
            size="sm"
            href={download}
            onClick={(event) => {
              event.preventDefault();
              openExternal(download);
            }}
          >
            {t('version.download')}
          </Anchor>
        ) : (
          info.isSuccess && <Text size="sm">{t('version.noDownload')}</Text>
        )}
      </Stack>
    </Alert>
  );
}

/**
 * After sign-in: when the server implements an older API than this desktop was built for, says once that some
 * features may fail until the server is updated.
 */
export function ServerVersionNotice({ serverUrl }: { serverUrl: string }) {
  const { t } = useTranslation();
  const info = useServerInfo(serverUrl);
  const outdated = info.data?.serverOutdated === true;
  const server = info.data?.server.version;
  const desktop = info.data?.desktopVersion;
  useEffect(() => {
    if (outdated) {
      notifications.show({
        id: 'server-outdated',
        color: 'yellow',
        autoClose: false,
        title: t('version.serverOutdatedTitle'),
        message: t('version.serverOutdated', { server, desktop }),
      });
    }
  }, [t, outdated, server, desktop]);
  return null;
}
