import {
  Alert,
  Box,
  Button,
  Center,
  Divider,
  Group,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionApi, ssoApi } from '../../api';
import { parseError } from '../../api/errors';
import { errorText, fieldErrorTexts } from '../../i18n/errorText';
import { ForgotPassword } from './ForgotPassword';
import { LanguageSwitch } from './LanguageSwitch';
import { markSignedIn, useLogin, useSSOLogin, type SessionSnapshot } from './session';
import { TwoFactorSignIn, type SignInStep } from './TwoFactorSignIn';
import { UpdateRequired } from './VersionNotice';

interface SignInValues {
  serverUrl: string;
  email: string;
  password: string;
  caFile: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function isServerUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
}

/**
 * Plain http:// to another computer: the desktop refuses it (field code insecure); this says so before sending.
 * Loopback (localhost, 127.0.0.0/8, ::1) is this computer.
 */
function isInsecureServerUrl(value: string): boolean {
  const url = new URL(value);
  if (url.protocol !== 'http:') return false;
  const host = url.hostname;
  return !(host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host));
}

const TOO_OLD = 'client.too_old';

export function SignInPage({ snapshot, onRetryResume }: { snapshot: SessionSnapshot; onRetryResume: () => void }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const login = useLogin();
  const sso = useSSOLogin();
  // The step after a right password when the server asks for more (the second factor or its enrolment).
  const [step, setStep] = useState<{ step: SignInStep; serverUrl: string; email: string } | null>(null);
  const form = useForm<SignInValues>({
    mode: 'controlled',
    initialValues: {
      serverUrl: snapshot.state.serverUrl,
      email: snapshot.state.email,
      password: '',
      caFile: snapshot.state.caFile ?? '',
    },
    validate: {
      serverUrl: (value) => {
        if (value.trim() === '') return t('signIn.validation.serverUrlRequired');
        if (!isServerUrl(value.trim())) return t('signIn.validation.serverUrlInvalid');
        return isInsecureServerUrl(value.trim()) ? t('fields.insecure') : null;
      },
      email: (value) => {
        if (value.trim() === '') return t('signIn.validation.emailRequired');
        return EMAIL.test(value.trim()) ? null : t('signIn.validation.emailInvalid');
      },
      password: (value) => (value === '' ? t('signIn.validation.passwordRequired') : null),
    },
  });

  // The cursor starts in the first field still to fill, so a returning user just types the password.
  const firstEmpty = snapshot.state.serverUrl === '' ? 'serverUrl' : snapshot.state.email === '' ? 'email' : 'password';

  /** Saves a changed company CA file first; false when it cannot be used (the field then says why). */
  async function applyCaFile(value: string): Promise<boolean> {
    const caFile = value.trim();
    if (caFile === (snapshot.state.caFile ?? '')) return true;
    try {
      await sessionApi.setCaFile(caFile);
      return true;
    } catch (reason) {
      form.setErrors({ caFile: fieldErrorTexts(t, reason).caFile ?? errorText(t, reason) });
      return false;
    }
  }

  const showFieldErrors = (reason: unknown) => {
    const fields = fieldErrorTexts(t, reason);
    const known = Object.fromEntries(Object.entries(fields).filter(([field]) => field in form.values));
    form.setErrors(known);
  };

  // Single sign-on needs the server and the address only (its domain names the company's provider).
  const signInWithSSO = async () => {
    const serverCheck = form.validateField('serverUrl');
    const emailCheck = form.validateField('email');
    form.clearFieldError('password');
    if (serverCheck.hasError || emailCheck.hasError || !(await applyCaFile(form.values.caFile))) return;
    login.reset();
    sso.mutate(
      { serverUrl: form.values.serverUrl.trim(), email: form.values.email.trim() },
      { onError: showFieldErrors },
    );
  };

  const submit = form.onSubmit(async (values) => {
    if (!(await applyCaFile(values.caFile))) return;
    sso.reset();
    login.mutate(
      { serverUrl: values.serverUrl.trim(), email: values.email.trim(), password: values.password },
      {
        onSuccess: (result, input) => {
          if (result.step === 'code' || result.step === 'enrol') {
            form.setFieldValue('password', '');
            setStep({ step: result.step, serverUrl: input.serverUrl, email: input.email });
          }
        },
        onError: showFieldErrors,
      },
    );
  });

  // A failure that is not about one field is shown above the form; field errors stand next to their fields.
  const failure = login.error ?? sso.error;
  const loginError = failure ? parseError(failure) : null;
  const showLoginError = loginError !== null && !Object.keys(loginError.fields).some((field) => field in form.values);
  const resumeError = failure === null ? snapshot.resumeError : null;
  // A desktop the server finds too old is told where to get a new one, not that something failed.
  const tooOld = loginError?.code === TOO_OLD || resumeError?.code === TOO_OLD;

  return (
    <Center mih="100vh" p="md" bg="var(--mantine-color-gray-0)">
      <Box w="100%" maw={440}>
        <Group justify="space-between" mb="md">
          <Title order={1} size="h2" c="indigo.7">
            {t('app.name')}
          </Title>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          {step !== null ? (
            <TwoFactorSignIn
              step={step.step}
              onSignedIn={(me) => {
                markSignedIn(client, me, step);
              }}
              onBack={() => {
                void sessionApi.cancelSignIn();
                login.reset();
                setStep(null);
              }}
            />
          ) : (
            <form onSubmit={submit} noValidate aria-labelledby="sign-in-title" data-testid="sign-in-form">
              <Stack gap="md">
                <div>
                  <Title order={2} size="h3" id="sign-in-title">
                    {t('signIn.title')}
                  </Title>
                  <Text size="sm" c="dimmed">
                    {t('signIn.subtitle')}
                  </Text>
                </div>

                {tooOld && <UpdateRequired serverUrl={form.values.serverUrl.trim() || snapshot.state.serverUrl} />}

                {resumeError && !tooOld && (
                  <Alert color="orange" icon={<IconAlertTriangle />} title={t('session.resumeFailed')} role="alert">
                    <Stack gap="xs" align="flex-start">
                      <Text size="sm">{errorText(t, resumeError)}</Text>
                      <Button size="xs" variant="light" color="orange" onClick={onRetryResume}>
                        {t('common.retry')}
                      </Button>
                    </Stack>
                  </Alert>
                )}

                {showLoginError && !tooOld && (
                  <Alert
                    color="red"
                    icon={<IconAlertTriangle />}
                    title={t('signIn.failed')}
                    role="alert"
                    data-testid="sign-in-error"
                    data-code={loginError.code}
                  >
                    {errorText(t, loginError)}
                  </Alert>
                )}

                <TextInput
                  label={t('signIn.serverUrl')}
                  placeholder={t('signIn.serverUrlPlaceholder')}
                  type="url"
                  autoComplete="url"
                  autoFocus={firstEmpty === 'serverUrl'}
                  {...form.getInputProps('serverUrl')}
                />
                <TextInput
                  label={t('signIn.email')}
                  placeholder={t('signIn.emailPlaceholder')}
                  type="email"
                  autoComplete="username"
                  autoFocus={firstEmpty === 'email'}
                  {...form.getInputProps('email')}
                />
                <PasswordInput
                  label={t('signIn.password')}
                  autoComplete="current-password"
                  autoFocus={firstEmpty === 'password'}
                  {...form.getInputProps('password')}
                />
                <TextInput
                  label={t('caFile.label')}
                  description={t('caFile.description')}
                  placeholder={t('caFile.placeholder')}
                  {...form.getInputProps('caFile')}
                />
                <Button type="submit" fullWidth loading={login.isPending} disabled={login.isPending || sso.isPending}>
                  {t('signIn.submit')}
                </Button>
                <Divider label={t('sso.signIn.or')} labelPosition="center" />
                {sso.isPending ? (
                  <Alert color="indigo" role="status" data-testid="sso-waiting">
                    <Stack gap="xs" align="flex-start">
                      <Text size="sm">{t('sso.signIn.waiting')}</Text>
                      <Button size="xs" variant="light" onClick={() => void ssoApi.cancel()}>
                        {t('sso.signIn.cancel')}
                      </Button>
                    </Stack>
                  </Alert>
                ) : (
                  <Stack gap={4}>
                    <Button variant="default" fullWidth disabled={login.isPending} onClick={() => void signInWithSSO()}>
                      {t('sso.signIn.button')}
                    </Button>
                    <Text size="xs" c="dimmed">
                      {t('sso.signIn.hint')}
                    </Text>
                  </Stack>
                )}
              </Stack>
            </form>
          )}
          {step === null && (
            <Group justify="center" mt="sm">
              <ForgotPassword serverUrl={form.values.serverUrl.trim()} email={form.values.email.trim()} />
            </Group>
          )}
        </Paper>
      </Box>
    </Center>
  );
}
