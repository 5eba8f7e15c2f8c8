import { Alert, Anchor, Button, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { sessionApi, type Me, type SignInResult } from '../../api';
import { parseError } from '../../api/errors';
import { Loaded } from '../../components/Loading';
import { codeErrors, isRecoveryCode, totpCode } from '../account/twoFactorCodes';
import { RecoveryCodesView, TotpCodeInput, TotpSetup } from '../account/twoFactorParts';

/** The step a sign-in takes after a right password when the server asks for more. */
export type SignInStep = 'code' | 'enrol';

interface StepProps {
  /** The sign-in is complete: the signed-in user. */
  onSignedIn: (me: Me) => void;
  /** Back to the password form (the waiting sign-in is forgotten). */
  onBack: () => void;
}

/**
 * The sign-in's second step: the code of the authenticator app (or a recovery code), or, when the company
 * requires a second factor the user has not set up, its enrolment.
 */
export function TwoFactorSignIn({ step, ...props }: StepProps & { step: SignInStep }) {
  return step === 'code' ? <CodeStep {...props} /> : <EnrolStep {...props} />;
}

/** A challenge that ran out (expired, too many wrong codes): only signing in again helps. */
function Expired({ onBack }: { onBack: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert color="orange" icon={<IconAlertTriangle />} role="alert" data-testid="second-factor-expired">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">{t('twoFactor.signIn.expired')}</Text>
        <Button size="xs" variant="light" color="orange" onClick={onBack}>
          {t('twoFactor.signIn.back')}
        </Button>
      </Stack>
    </Alert>
  );
}

function finish(result: SignInResult, onSignedIn: (me: Me) => void) {
  if (result.me) onSignedIn(result.me);
}

export function CodeStep({ onSignedIn, onBack }: StepProps) {
  const { t } = useTranslation();
  const [useRecovery, setUseRecovery] = useState(false);
  const [pending, setPending] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const [expired, setExpired] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '', recoveryCode: '' },
    validate: {
      code: (value) => (!useRecovery && totpCode(value) === null ? t('twoFactor.code.invalid') : null),
      recoveryCode: (value) => (useRecovery && !isRecoveryCode(value) ? t('twoFactor.recovery.invalid') : null),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setPending(true);
    setFailure(null);
    try {
      const input = useRecovery
        ? { code: '', recoveryCode: values.recoveryCode.trim() }
        : { code: totpCode(values.code) ?? '', recoveryCode: '' };
      finish(await sessionApi.secondFactor(input), onSignedIn);
    } catch (reason) {
      if (parseError(reason).is('auth.challenge_invalid')) {
        setExpired(true);
      } else {
        setFailure(codeErrors(t, reason, form.setFieldError, useRecovery ? 'recoveryCode' : 'code'));
      }
    } finally {
      setPending(false);
    }
  });
  const toggle = () => {
    setUseRecovery((on) => !on);
    form.clearErrors();
  };

  return (
    <form onSubmit={submit} noValidate data-testid="second-factor-form">
      <Stack gap="md">
        <div>
          <Title order={2} size="h3">
            {t('twoFactor.signIn.codeTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('twoFactor.signIn.codeIntro')}
          </Text>
        </div>
        {expired && <Expired onBack={onBack} />}
        {failure !== null && (
          <Alert color="red" icon={<IconAlertTriangle />} role="alert" data-testid="second-factor-error">
            {failure}
          </Alert>
        )}
        {useRecovery ? (
          <TextInput
            label={t('twoFactor.recovery.label')}
            placeholder={t('twoFactor.recovery.placeholder')}
            autoComplete="off"
            autoFocus
            data-testid="recovery-code"
            {...form.getInputProps('recoveryCode')}
          />
        ) : (
          <TotpCodeInput autoFocus {...form.getInputProps('code')} />
        )}
        <Anchor component="button" type="button" size="sm" onClick={toggle} data-testid="toggle-recovery">
          {useRecovery ? t('twoFactor.recovery.useApp') : t('twoFactor.recovery.use')}
        </Anchor>
        <Button type="submit" fullWidth loading={pending} disabled={pending || expired}>
          {t('twoFactor.signIn.submit')}
        </Button>
        <Anchor component="button" type="button" size="sm" onClick={onBack}>
          {t('twoFactor.signIn.back')}
        </Anchor>
      </Stack>
    </form>
  );
}

function EnrolStep({ onSignedIn, onBack }: StepProps) {
  const { t } = useTranslation();
  const enrolment = useQuery({
    queryKey: ['signIn', 'enrolment'],
    queryFn: () => sessionApi.startEnrolment(),
    retry: false,
    staleTime: Infinity,
    gcTime: 0,
  });
  const [pending, setPending] = useState(false);
  const [done, setDone] = useState<SignInResult | null>(null);
  const [expired, setExpired] = useState(false);

  const confirm = async (code: string) => {
    setPending(true);
    try {
      setDone(await sessionApi.confirmEnrolment(code));
    } catch (reason) {
      if (parseError(reason).is('auth.challenge_invalid')) {
        setExpired(true);
        return;
      }
      throw reason;
    } finally {
      setPending(false);
    }
  };
  const expiredNow = expired || (enrolment.error !== null && parseError(enrolment.error).is('auth.challenge_invalid'));

  return (
    <Stack gap="md" data-testid="enrol-step">
      <div>
        <Title order={2} size="h3">
          {t('twoFactor.signIn.enrolTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('twoFactor.signIn.enrolIntro')}
        </Text>
      </div>
      {expiredNow ? (
        <Expired onBack={onBack} />
      ) : done !== null ? (
        <RecoveryCodesView codes={done.recoveryCodes ?? []} onDone={() => finish(done, onSignedIn)} />
      ) : (
        <Loaded query={enrolment}>{(e) => <TotpSetup enrolment={e} onConfirm={confirm} pending={pending} />}</Loaded>
      )}
      {done === null && (
        <Anchor component="button" type="button" size="sm" onClick={onBack}>
          {t('twoFactor.signIn.back')}
        </Anchor>
      )}
    </Stack>
  );
}
