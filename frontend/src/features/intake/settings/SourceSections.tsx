import { Badge, Button, Card, Group, List, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { modals } from '@mantine/modals';
import { IconKey, IconPlayerPlay, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  parseError,
  type IntakeItemResult,
  type LeadPreviewItem,
  type LeadSource,
  type LeadSourcePreview,
} from '../../../api';
import { QueryError } from '../../../components/QueryError';
import { useNotify } from '../../../components/notify';
import { useFormatters } from '../../../i18n/format';
import {
  useCreateLeadSourceKey,
  useDisableSigning,
  useLeadSourceDeliveries,
  useLeadSourceKeys,
  usePreviewLeadSource,
  useRevokeLeadSourceKey,
  useRotateSigningSecret,
} from '../hooks';
import { deliveryCodeText, rejectedFields, rejectionText } from './deliveryText';
import { isJson, SAMPLE_PAYLOAD } from './previewSample';
import { SecretModal } from './SecretModal';

function Section({
  title,
  intro,
  children,
  testId,
}: {
  title: string;
  intro?: string;
  children: React.ReactNode;
  testId: string;
}) {
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId}>
      <Title order={3} size="h4" mb={intro ? 4 : 'md'}>
        {title}
      </Title>
      {intro && (
        <Text size="sm" c="dimmed" mb="md">
          {intro}
        </Text>
      )}
      {children}
    </Card>
  );
}

/** "Testdaten": what the saved mapping and rules make of a sample delivery. */
export function PreviewSection({ source, dirty }: { source: LeadSource; dirty: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const preview = usePreviewLeadSource();
  const [payload, setPayload] = useState(SAMPLE_PAYLOAD);
  const [invalid, setInvalid] = useState(false);
  const [result, setResult] = useState<LeadSourcePreview | null>(null);

  const run = () => {
    if (!isJson(payload)) {
      setInvalid(true);
      return;
    }
    preview.mutate(
      { sourceId: source.id, payload },
      {
        onSuccess: setResult,
        onError: (reason) => {
          notify.error(parseError(reason));
        },
      },
    );
  };

  return (
    <Section title={t('intake.preview.title')} intro={t('intake.preview.intro')} testId="lead-source-preview">
      <Stack>
        <Textarea
          label={t('intake.preview.payload')}
          value={payload}
          onChange={(event) => {
            setPayload(event.currentTarget.value);
            setInvalid(false);
          }}
          autosize
          minRows={8}
          maxRows={20}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
          error={invalid ? t('intake.preview.invalidJson') : undefined}
        />
        {dirty && (
          <Text size="sm" c="orange">
            {t('intake.preview.saveFirst')}
          </Text>
        )}
        <div>
          <Button leftSection={<IconPlayerPlay size={16} />} onClick={run} loading={preview.isPending}>
            {t('intake.preview.run')}
          </Button>
        </div>
        {result !== null && <PreviewResult items={result.items} />}
      </Stack>
    </Section>
  );
}

function PreviewResult({ items }: { items: readonly LeadPreviewItem[] }) {
  const { t } = useTranslation();
  if (items.length === 0) return <Text size="sm">{t('intake.preview.empty')}</Text>;
  return (
    <Stack gap="xs" data-testid="preview-result">
      <Text fw={600} size="sm">
        {t('intake.preview.result')}
      </Text>
      {items.map((item, index) => {
        const errors = rejectedFields(t, item.fields);
        const { lead } = item;
        return (
          <Card key={`${item.externalId}-${index}`} withBorder padding="sm" data-testid="preview-item">
            <Group justify="space-between" mb={4}>
              <Text size="sm" fw={600}>
                {t('intake.preview.lead', { n: index + 1 })}
                {item.externalId !== '' && ` · ${item.externalId}`}
              </Text>
              <Badge color={errors.length > 0 ? 'red' : 'teal'} variant="light">
                {errors.length > 0 ? t('intake.preview.rejected') : t('intake.preview.accepted')}
              </Badge>
            </Group>
            {errors.length > 0 ? (
              <List size="sm" data-testid="preview-errors">
                {errors.map((line) => (
                  <List.Item key={line}>{line}</List.Item>
                ))}
              </List>
            ) : (
              <Table withRowBorders={false} verticalSpacing={2}>
                <Table.Tbody>
                  {(
                    [
                      [t('intake.preview.title_'), lead.title],
                      [t('intake.preview.person'), lead.personName],
                      [t('intake.preview.company'), lead.company],
                      [t('intake.preview.owner'), lead.ownerName],
                      [t('intake.preview.stage'), lead.stageName],
                      [
                        t('intake.preview.details'),
                        ((lead.details as { name: string; value: string }[] | null) ?? [])
                          .map((detail) => `${detail.name}: ${detail.value}`)
                          .join(' · '),
                      ],
                    ] as const
                  ).map(([label, value]) => (
                    <Table.Tr key={label}>
                      <Table.Td w={160}>
                        <Text size="sm" c="dimmed">
                          {label}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">{value === '' ? '—' : value}</Text>
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}

/** The source's API keys: create (the secret shown once), list, revoke. */
export function KeysSection({ source }: { source: LeadSource }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const notify = useNotify();
  const keys = useLeadSourceKeys(source.id);
  const create = useCreateLeadSourceKey();
  const revoke = useRevokeLeadSourceKey();
  const [secret, setSecret] = useState<string | null>(null);

  const confirmRevoke = (keyId: string, prefix: string) => {
    modals.openConfirmModal({
      title: t('intake.keys.revokeTitle'),
      children: <Text size="sm">{t('intake.keys.revokeConfirm', { prefix })}</Text>,
      labels: { confirm: t('intake.keys.revoke'), cancel: t('common.cancel') },
      confirmProps: { color: 'red' },
      onConfirm: () => {
        revoke.mutate(
          { sourceId: source.id, keyId },
          {
            onSuccess: () => {
              notify.success(t('intake.keys.revokedDone'));
            },
            onError: (reason) => {
              notify.error(reason);
            },
          },
        );
      },
    });
  };

  return (
    <Section title={t('intake.keys.title')} intro={t('intake.keys.intro')} testId="lead-source-keys">
      <Stack>
        <div>
          <Button
            leftSection={<IconKey size={16} />}
            loading={create.isPending}
            onClick={() => {
              create.mutate(source.id, {
                onSuccess: (created) => {
                  setSecret(created.secret);
                },
                onError: (reason) => {
                  notify.error(reason);
                },
              });
            }}
          >
            {t('intake.keys.create')}
          </Button>
        </div>
        {keys.isError ? (
          <QueryError error={keys.error} onRetry={() => void keys.refetch()} />
        ) : keys.isPending ? null : keys.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('intake.keys.empty')}
          </Text>
        ) : (
          <Table data-testid="keys-table">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('intake.keys.prefix')}</Table.Th>
                <Table.Th>{t('intake.keys.createdAt')}</Table.Th>
                <Table.Th>{t('intake.keys.createdBy')}</Table.Th>
                <Table.Th>{t('intake.keys.lastUsed')}</Table.Th>
                <Table.Th>{t('intake.keys.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {keys.data.map((key) => (
                <Table.Tr key={key.id} data-testid="key-row">
                  <Table.Td>
                    <Text ff="monospace" size="sm">
                      {key.prefix}…
                    </Text>
                  </Table.Td>
                  <Table.Td>{format.dateTime(key.createdAt)}</Table.Td>
                  <Table.Td>{key.createdByName}</Table.Td>
                  <Table.Td>{key.lastUsedAt ? format.dateTime(key.lastUsedAt) : t('intake.never')}</Table.Td>
                  <Table.Td>
                    {key.revokedAt ? (
                      <Badge color="gray" variant="light">
                        {t('intake.keys.revokedAt', { at: format.dateTime(key.revokedAt) })}
                      </Badge>
                    ) : (
                      <Badge color="teal" variant="light">
                        {t('intake.keys.active')}
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>
                    {!key.revokedAt && (
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red"
                        onClick={() => {
                          confirmRevoke(key.id, key.prefix);
                        }}
                      >
                        {t('intake.keys.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
      <SecretModal
        title={t('intake.keys.createdTitle')}
        secret={secret}
        onClose={() => {
          setSecret(null);
        }}
      />
    </Section>
  );
}

/** Signed deliveries: enable or rotate (the secret shown once), disable. */
export function SigningSection({ source }: { source: LeadSource }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const rotate = useRotateSigningSecret();
  const disable = useDisableSigning();
  const [secret, setSecret] = useState<string | null>(null);

  const doRotate = () => {
    rotate.mutate(source.id, {
      onSuccess: (answer) => {
        setSecret(answer.secret);
      },
      onError: (reason) => {
        notify.error(reason);
      },
    });
  };

  return (
    <Section title={t('intake.signing.title')} testId="lead-source-signing">
      <Stack>
        <Text size="sm">{source.signed ? t('intake.signing.signed') : t('intake.signing.unsigned')}</Text>
        <Group>
          <Button
            variant={source.signed ? 'default' : 'filled'}
            loading={rotate.isPending}
            onClick={() => {
              if (!source.signed) {
                doRotate();
                return;
              }
              modals.openConfirmModal({
                title: t('intake.signing.rotate'),
                children: <Text size="sm">{t('intake.signing.rotateConfirm')}</Text>,
                labels: { confirm: t('intake.signing.rotate'), cancel: t('common.cancel') },
                onConfirm: doRotate,
              });
            }}
          >
            {source.signed ? t('intake.signing.rotate') : t('intake.signing.enable')}
          </Button>
          {source.signed && (
            <Button
              variant="subtle"
              color="red"
              loading={disable.isPending}
              onClick={() => {
                modals.openConfirmModal({
                  title: t('intake.signing.disable'),
                  children: <Text size="sm">{t('intake.signing.disableConfirm')}</Text>,
                  labels: { confirm: t('intake.signing.disable'), cancel: t('common.cancel') },
                  confirmProps: { color: 'red' },
                  onConfirm: () => {
                    disable.mutate(source.id, {
                      onSuccess: () => {
                        notify.success(t('intake.signing.disabled'));
                      },
                      onError: (reason) => {
                        notify.error(reason);
                      },
                    });
                  },
                });
              }}
            >
              {t('intake.signing.disable')}
            </Button>
          )}
        </Group>
      </Stack>
      <SecretModal
        title={t('intake.signing.secretTitle')}
        secret={secret}
        onClose={() => {
          setSecret(null);
        }}
      />
    </Section>
  );
}

/** The last 50 deliveries with their counts and the rejected leads' field codes. */
export function DeliveriesSection({ source }: { source: LeadSource }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const deliveries = useLeadSourceDeliveries(source.id);
  return (
    <Section title={t('intake.deliveries.title')} intro={t('intake.deliveries.intro')} testId="lead-source-deliveries">
      <Stack>
        <div>
          <Button
            size="xs"
            variant="default"
            leftSection={<IconRefresh size={14} />}
            loading={deliveries.isFetching}
            onClick={() => void deliveries.refetch()}
          >
            {t('intake.deliveries.reload')}
          </Button>
        </div>
        {deliveries.isError ? (
          <QueryError error={deliveries.error} onRetry={() => void deliveries.refetch()} />
        ) : deliveries.isPending ? null : deliveries.data.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('intake.deliveries.empty')}
          </Text>
        ) : (
          <Table data-testid="deliveries-table" verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('intake.deliveries.at')}</Table.Th>
                <Table.Th>{t('intake.deliveries.status')}</Table.Th>
                <Table.Th>{t('intake.deliveries.counts')}</Table.Th>
                <Table.Th>{t('intake.deliveries.duration')}</Table.Th>
                <Table.Th>{t('intake.deliveries.rejections')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {deliveries.data.map((delivery) => {
                const rejections = (delivery.rejections as IntakeItemResult[] | null) ?? [];
                // A delivery that went through has no code ("").
                const code: string = delivery.code;
                return (
                  <Table.Tr key={delivery.id} data-testid="delivery-row">
                    <Table.Td>{format.dateTime(delivery.at)}</Table.Td>
                    <Table.Td>
                      <Badge color={delivery.status < 300 ? 'teal' : 'red'} variant="light">
                        {delivery.status}
                      </Badge>
                      {code !== '' && (
                        <Text size="xs" c="dimmed">
                          {deliveryCodeText(t, code)}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      {[delivery.created, delivery.updated, delivery.unchanged, delivery.rejected]
                        .map((count) => format.number(count))
                        .join(' / ')}
                    </Table.Td>
                    <Table.Td>{t('intake.deliveries.durationMs', { ms: format.number(delivery.durationMs) })}</Table.Td>
                    <Table.Td>
                      {rejections.length > 0 && (
                        <List size="xs" data-testid="delivery-rejections">
                          {rejections.map((item) => (
                            <List.Item key={item.index}>{rejectionText(t, item)}</List.Item>
                          ))}
                        </List>
                      )}
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        )}
      </Stack>
    </Section>
  );
}
