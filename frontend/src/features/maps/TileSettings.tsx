import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { mapsApi, parseError } from '../../api';
import { useNotify } from '../../components/notify';
import { fieldErrorText } from '../../i18n/errorText';
import { mapKeys, useMapConfig } from './hooks';

/** The user's tile server for the maps (this desktop only); ONESALES_TILE_URL, when set, wins. */
export function TileSettings() {
  const { t } = useTranslation();
  const notify = useNotify();
  const client = useQueryClient();
  const config = useMapConfig();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: (url: string) => mapsApi.setTileUrl(url),
    onSuccess: (saved) => {
      client.setQueryData(mapKeys.config, saved);
      setDraft(null);
      notify.success(t('maps.tiles.saved'));
    },
    onError: (reason) => {
      const code = parseError(reason).fields.tileUrl;
      if (code) setError(fieldErrorText(t, 'tileUrl', code));
      else notify.error(reason);
    },
  });
  const data = config.data;
  const fromEnv = data?.tileSource === 'env';
  const value = draft ?? (data && data.tileSource !== 'default' ? data.tileUrl : '');

  return (
    <Paper withBorder p="xl" radius="md" data-testid="tile-settings">
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('maps.tiles.title')}
        </Title>
        <Text size="sm" c="dimmed">
          {fromEnv ? t('maps.tiles.fromEnv') : t('maps.tiles.hint')}
        </Text>
        <TextInput
          label={t('maps.tiles.url')}
          placeholder="https://tile.openstreetmap.org/{z}/{x}/{y}.png"
          value={value}
          onChange={(event) => {
            setDraft(event.currentTarget.value);
            setError(null);
          }}
          error={error}
          disabled={!data || fromEnv}
        />
        <Group justify="flex-end">
          <Button
            onClick={() => {
              save.mutate(value.trim());
            }}
            loading={save.isPending}
            disabled={!data || fromEnv || draft === null}
          >
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
