import {
  Alert,
  Button,
  Checkbox,
  CopyButton,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { SUPPORT_SUBJECT_MAX, SUPPORT_TEXT_MAX, type RecentError, type SupportInfo } from '../../api';
import { parseError } from '../../api/errors';
import { showFormError } from '../../components/forms';
import { Loaded } from '../../components/Loading';
import { useNotify } from '../../components/notify';
import { PageHeader } from '../../components/PageHeader';
import { useFormatters } from '../../i18n/format';
import { useRecentErrors, useSendSupportRequest, useSupportInfo } from './hooks';

/**
 * "Hilfe & Support": this installation's versions and server, the numbers of the last errors, the company's support
 * address and a support request form, which the server mails to that address.
 */
export function SupportPage() {
  const { t } = useTranslation();
  const info = useSupportInfo();
  const errors = useRecentErrors();
  return (
    <Stack maw={760}>
      <PageHeader title={t('support.title')} />
      <Loaded query={info}>
        {(loaded) => (
          <>
            <AboutCard info={loaded} />
            <RecentErrorsCard errors={errors} />
            <ContactCard info={loaded} errors={errors} />
          </>
        )}
      </Loaded>
    </Stack>
  );
}

function AboutCard({ info }: { info: SupportInfo }) {
  const { t } = useTranslation();
  const rows: [string, string, string][] = [
    [t('support.about.appVersion'), info.appVersion, 'support-app-version'],
    [t('support.about.os'), info.os, 'support-os'],
    [t('support.about.server'), info.serverUrl, 'support-server'],
    [t('support.about.serverVersion'), info.serverVersion, 'support-server-version'],
  ];
  return (
    <Paper withBorder p="xl" radius="md">
      <Title order={3} size="h4" mb="md">
        {t('support.about.title')}
      </Title>
      <Table variant="vertical" withTableBorder={false}>
        <Table.Tbody>
          {rows.map(([label, value, testId]) => (
            <Table.Tr key={testId}>
              <Table.Th w={180}>{label}</Table.Th>
              <Table.Td data-testid={testId}>{value || '–'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

function RecentErrorsCard({ errors }: { errors: readonly RecentError[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Paper withBorder p="xl" radius="md" data-testid="support-errors">
      <Title order={3} size="h4" mb="xs">
        {t('support.errors.title')}
      </Title>
      {errors.length === 0 ? (
        <Text size="sm">{t('support.errors.empty')}</Text>
      ) : (
        <>
          <Text size="sm" mb="sm">
            {t('support.errors.hint')}
          </Text>
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('support.errors.at')}</Table.Th>
                <Table.Th>{t('support.errors.number')}</Table.Th>
                <Table.Th>{t('support.errors.code')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {errors.map((error) => (
                <Table.Tr key={`${error.requestId}-${error.at}`}>
                  <Table.Td>{format.dateTime(error.at)}</Table.Td>
                  <Table.Td ff="monospace">{error.requestId}</Table.Td>
                  <Table.Td>
                    {error.status} {error.code}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}

interface RequestValues {
  subject: string;
  text: string;
  attachDiagnostics: boolean;
}

function ContactCard({ info, errors }: { info: SupportInfo; errors: readonly RecentError[] }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const send = useSendSupportRequest();
  const form = useForm<RequestValues>({
    mode: 'controlled',
    initialValues: { subject: '', text: '', attachDiagnostics: false },
    validate: {
      subject: (value) =>
        value.trim().length > SUPPORT_SUBJECT_MAX
          ? t('support.form.subjectTooLong', { max: SUPPORT_SUBJECT_MAX })
          : null,
      text: (value) => {
        if (value.trim() === '') return t('support.form.textRequired');
        return value.trim().length > SUPPORT_TEXT_MAX ? t('support.form.textTooLong', { max: SUPPORT_TEXT_MAX }) : null;
      },
    },
  });
  const errorIds = errors.map((error) => error.requestId);

  const submit = form.onSubmit((values) => {
    send.mutate(
      { subject: values.subject, text: values.text, attachDiagnostics: values.attachDiagnostics, errorIds },
      {
        onSuccess: () => {
          form.reset();
          notify.success(t('support.form.sent'));
        },
        onError: (reason) => {
          const error = parseError(reason);
          if (error.is('support.no_address')) {
            form.setFieldError('text', t('errors.support.no_address'));
            return;
          }
          showFormError(form, error, t, notify);
        },
      },
    );
  });

  return (
    <Paper withBorder p="xl" radius="md" data-testid="support-contact">
      <Title order={3} size="h4" mb="md">
        {t('support.contact.title')}
      </Title>
      {info.supportEmail === '' ? (
        <Alert color="yellow" icon={<IconInfoCircle />} data-testid="support-no-address">
          {t('support.contact.none')}
        </Alert>
      ) : (
        <Stack>
          <Group gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={t('support.contact.address')}
              value={info.supportEmail}
              readOnly
              style={{ flex: 1 }}
              data-testid="support-address"
            />
            <CopyButton value={info.supportEmail}>
              {({ copied, copy }) => (
                <Button
                  variant="default"
                  leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                  onClick={copy}
                >
                  {copied ? t('support.contact.copied') : t('support.contact.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <form onSubmit={submit} noValidate data-testid="support-form">
            <Stack>
              <Title order={4} size="h5">
                {t('support.form.title')}
              </Title>
              <Text size="sm">{t('support.form.intro', { address: info.supportEmail })}</Text>
              <TextInput
                label={t('support.form.subject')}
                maxLength={SUPPORT_SUBJECT_MAX}
                {...form.getInputProps('subject')}
              />
              <Textarea
                label={t('support.form.text')}
                placeholder={t('support.form.textPlaceholder')}
                required
                autosize
                minRows={5}
                maxRows={14}
                description={t('support.form.count', { count: form.values.text.length, max: SUPPORT_TEXT_MAX })}
                {...form.getInputProps('text')}
              />
              <Checkbox
                label={t('support.form.attach')}
                data-testid="support-attach"
                {...form.getInputProps('attachDiagnostics', { type: 'checkbox' })}
              />
              {form.values.attachDiagnostics && (
                <Paper withBorder p="sm" radius="sm" bg="gray.0" data-testid="support-diagnostics">
                  <Text size="sm" mb={4}>
                    {t('support.form.attachHint')}
                  </Text>
                  <List size="sm" spacing={2}>
                    <List.Item>
                      {t('support.about.appVersion')}: {info.appVersion}
                    </List.Item>
                    <List.Item>
                      {t('support.about.os')}: {info.os}
                    </List.Item>
                    <List.Item>
                      {t('support.about.server')}: {info.serverUrl}
                    </List.Item>
                    <List.Item>
                      {t('support.errors.title')}:{' '}
                      {errorIds.length > 0 ? errorIds.join(', ') : t('support.form.attachNoErrors')}
                    </List.Item>
                  </List>
                </Paper>
              )}
              <Group justify="flex-end">
                <Button type="submit" loading={send.isPending} disabled={send.isPending}>
                  {t('support.form.submit')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      )}
    </Paper>
  );
}
