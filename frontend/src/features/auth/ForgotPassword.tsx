import { Alert, Anchor, Button, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMutation } from '@tanstack/react-query';
import { IconAlertTriangle, IconMailCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PASSWORD_RESET_MINUTES, sessionApi, type PasswordResetInput } from '../../api';
import { parseError } from '../../api/errors';
import { errorText, fieldErrorTexts } from '../../i18n/errorText';

const EMAIL = /^[^\s@]+@[^\s@]+$/;

/**
 * "Passwort vergessen?" under the sign-in form: asks the server (the one typed above) to mail a link to set a new
 * password. The server answers the same whether or not the address has an account, and so does this.
 */
export function ForgotPassword({ serverUrl, email }: { serverUrl: string; email: string }) {
  const { t } = useTranslation();
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Anchor component="button" type="button" size="sm" onClick={() => setOpened(true)} data-testid="forgot-password">
        {t('forgot.link')}
      </Anchor>
      <Modal opened={opened} onClose={() => setOpened(false)} title={t('forgot.title')} centered>
        {opened && <ForgotForm serverUrl={serverUrl} email={email} onClose={() => setOpened(false)} />}
      </Modal>
    </>
  );
}

function ForgotForm({ serverUrl, email, onClose }: { serverUrl: string; email: string; onClose: () => void }) {
  const { t } = useTranslation();
  const request = useMutation({ mutationFn: (input: PasswordResetInput) => sessionApi.requestPasswordReset(input) });
  const form = useForm<PasswordResetInput>({
    mode: 'controlled',
    initialValues: { serverUrl, email },
    validate: {
      serverUrl: (value) => (value.trim() === '' ? t('signIn.validation.serverUrlRequired') : null),
      email: (value) => {
        if (value.trim() === '') return t('signIn.validation.emailRequired');
        return EMAIL.test(value.trim()) ? null : t('signIn.validation.emailInvalid');
      },
    },
  });
  const submit = form.onSubmit((values) =>
    request.mutate(
      { serverUrl: values.serverUrl.trim(), email: values.email.trim() },
      { onError: (reason) => form.setErrors(fieldErrorTexts(t, reason)) },
    ),
  );

  if (request.isSuccess) {
    return (
      <Stack>
        <Alert color="teal" icon={<IconMailCheck />} data-testid="forgot-sent" role="status">
          {t('forgot.sent', { email: form.values.email.trim() })}
        </Alert>
        <Button onClick={onClose}>{t('forgot.close')}</Button>
      </Stack>
    );
  }
  const error = request.error ? parseError(request.error) : null;
  const general = error !== null && !Object.keys(error.fields).some((field) => field in form.values);
  return (
    <form onSubmit={submit} noValidate data-testid="forgot-form">
      <Stack>
        <Text size="sm" c="dimmed">
          {t('forgot.intro', { minutes: PASSWORD_RESET_MINUTES })}
        </Text>
        {general && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert" data-code={error.code}>
            {errorText(t, error)}
          </Alert>
        )}
        <TextInput label={t('signIn.serverUrl')} type="url" {...form.getInputProps('serverUrl')} />
        <TextInput label={t('signIn.email')} type="email" data-autofocus {...form.getInputProps('email')} />
        <Button type="submit" loading={request.isPending} disabled={request.isPending}>
          {t('forgot.submit')}
        </Button>
      </Stack>
    </form>
  );
}
