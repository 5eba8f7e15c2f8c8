import { Button, Code, CopyButton, Group, Image, List, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconCheck, IconCopy, IconDownload } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { sessionApi, type TOTPEnrolment } from '../../api';
import { useNotify } from '../../components/notify';
import { codeErrors, totpCode } from './twoFactorCodes';

/** The 6-digit code input (one-time-code autocomplete, numeric keyboard). */
export function TotpCodeInput(props: React.ComponentProps<typeof TextInput>) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('twoFactor.code.label')}
      placeholder={t('twoFactor.code.placeholder')}
      inputMode="numeric"
      autoComplete="one-time-code"
      maxLength={7}
      data-testid="totp-code"
      {...props}
    />
  );
}

/**
 * Connecting an authenticator app: the QR code, the key for typing by hand, and the first code to confirm with.
 * onConfirm rejects with the server's error, which is shown next to the code.
 */
export function TotpSetup({
  enrolment,
  onConfirm,
  pending,
}: {
  enrolment: TOTPEnrolment;
  onConfirm: (code: string) => Promise<void>;
  pending: boolean;
}) {
  const { t } = useTranslation();
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (value) => (totpCode(value) === null ? t('twoFactor.code.invalid') : null) },
  });
  const submit = form.onSubmit(async (values) => {
    try {
      await onConfirm(totpCode(values.code) ?? '');
    } catch (reason) {
      const other = codeErrors(t, reason, form.setFieldError, 'code');
      if (other !== null) form.setFieldError('code', other);
    }
  });
  return (
    <form onSubmit={submit} noValidate data-testid="totp-setup">
      <Stack gap="sm">
        <Text size="sm">{t('twoFactor.enrol.scan')}</Text>
        <Image src={enrolment.qrCode} alt={t('twoFactor.enrol.qrAlt')} w={200} h={200} />
        <Text size="sm">{t('twoFactor.enrol.manual')}</Text>
        <Code data-testid="totp-secret" fz="md">
          {enrolment.secret}
        </Code>
        <TotpCodeInput description={t('twoFactor.enrol.confirmHint')} {...form.getInputProps('code')} />
        <Group justify="flex-end">
          <Button type="submit" loading={pending} disabled={pending}>
            {t('twoFactor.enrol.confirm')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/**
 * The recovery codes, shown once after an enrolment or a renewal, until the user says they saved them: to copy, or
 * to save as a text file (the native save dialog).
 */
export function RecoveryCodesView({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = () => {
    sessionApi
      .saveRecoveryCodes(t('twoFactor.recovery.downloadTitle'), t('twoFactor.recovery.fileHeading'), codes)
      .then((path) => {
        if (path !== '') notify.success(t('twoFactor.recovery.saved'));
      })
      .catch((error: unknown) => {
        notify.error(error);
      });
  };
  return (
    <Stack gap="sm" data-testid="recovery-codes">
      <Text fw={600}>{t('twoFactor.recovery.title')}</Text>
      <Text size="sm">{t('twoFactor.recovery.intro')}</Text>
      <List spacing={2} ff="monospace">
        {codes.map((code) => (
          <List.Item key={code}>{code}</List.Item>
        ))}
      </List>
      <Group justify="space-between">
        <Group gap="xs">
          <CopyButton value={codes.join('\n')}>
            {({ copied, copy }) => (
              <Button
                variant="light"
                leftSection={copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                onClick={copy}
              >
                {copied ? t('twoFactor.recovery.copied') : t('twoFactor.recovery.copy')}
              </Button>
            )}
          </CopyButton>
          <Button
            variant="light"
            leftSection={<IconDownload size={16} />}
            onClick={save}
            data-testid="recovery-codes-download"
          >
            {t('twoFactor.recovery.download')}
          </Button>
        </Group>
        <Button onClick={onDone} data-testid="recovery-codes-done">
          {t('twoFactor.recovery.done')}
        </Button>
      </Group>
    </Stack>
  );
}
