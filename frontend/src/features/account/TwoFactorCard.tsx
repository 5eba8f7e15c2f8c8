import { Badge, Button, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconDevices, IconShieldLock } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeviceSession, TOTPEnrolment } from '../../api';
import { Loaded } from '../../components/Loading';
import { useNotify } from '../../components/notify';
import { useFormatters } from '../../i18n/format';
import {
  useConfirmTotp,
  useDevices,
  useDisableTotp,
  useEndDevices,
  useEnrolTotp,
  useRenewRecoveryCodes,
  useTwoFactor,
} from './hooks';
import { codeErrors, totpCode } from './twoFactorCodes';
import { RecoveryCodesView, TotpCodeInput, TotpSetup } from './twoFactorParts';

/**
 * "Zwei-Faktor-Anmeldung" on the account page: set up TOTP with an authenticator app (QR code, key, first code,
 * then the recovery codes once), make new recovery codes with a current code (shown once), or switch it off with
 * a current code (not while the company requires it).
 */
export function TwoFactorCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const notify = useNotify();
  const status = useTwoFactor();
  const enrol = useEnrolTotp();
  const confirm = useConfirmTotp();
  const [enrolment, setEnrolment] = useState<TOTPEnrolment | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);

  const start = () => {
    enrol.mutate(undefined, {
      onSuccess: setEnrolment,
      onError: (error) => {
        notify.error(error);
      },
    });
  };
  const confirmCode = async (code: string) => {
    const created = await confirm.mutateAsync(code);
    setEnrolment(null);
    setCodes(created.codes);
  };

  return (
    <Paper withBorder p="xl" radius="md" data-testid="two-factor">
      <Group gap="xs" mb="md">
        <IconShieldLock size={22} aria-hidden />
        <Title order={3} size="h4">
          {t('twoFactor.title')}
        </Title>
      </Group>
      <Loaded query={status}>
        {(state) => (
          <Stack gap="sm">
            <Text size="sm">{t('twoFactor.intro')}</Text>
            <Text size="sm" fw={600} data-testid="two-factor-state" data-enabled={state.enabled}>
              {state.enabled && state.enabledAt
                ? t('twoFactor.on', { date: format.dateTime(state.enabledAt) })
                : t('twoFactor.off')}
            </Text>
            {state.required && <Text size="sm">{t('twoFactor.required')}</Text>}
            {state.enabled && <Text size="sm">{t('twoFactor.codesLeft', { count: state.recoveryCodesLeft })}</Text>}
            {codes !== null ? (
              <RecoveryCodesView
                codes={codes}
                onDone={() => {
                  setCodes(null);
                }}
              />
            ) : enrolment !== null ? (
              <TotpSetup enrolment={enrolment} onConfirm={confirmCode} pending={confirm.isPending} />
            ) : state.enabled ? (
              <Stack gap="md">
                <RenewCodes onRenewed={setCodes} />
                {state.required ? (
                  <Text size="sm" c="dimmed">
                    {t('twoFactor.cannotDisable')}
                  </Text>
                ) : (
                  <DisableForm />
                )}
              </Stack>
            ) : (
              <Group justify="flex-end">
                <Button onClick={start} loading={enrol.isPending} data-testid="two-factor-set-up">
                  {t('twoFactor.setUp')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Loaded>
    </Paper>
  );
}

/** "Neue Wiederherstellungscodes erzeugen": asks for a current code, then hands the new codes up to be shown once. */
function RenewCodes({ onRenewed }: { onRenewed: (codes: string[]) => void }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const renew = useRenewRecoveryCodes();
  const [open, setOpen] = useState(false);
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (value) => (totpCode(value) === null ? t('twoFactor.code.invalid') : null) },
  });
  if (!open) {
    return (
      <Group>
        <Button
          variant="light"
          onClick={() => {
            setOpen(true);
          }}
          data-testid="recovery-codes-renew"
        >
          {t('twoFactor.recovery.renew')}
        </Button>
      </Group>
    );
  }
  const submit = form.onSubmit((values) => {
    renew.mutate(totpCode(values.code) ?? '', {
      onSuccess: (created) => {
        form.reset();
        setOpen(false);
        onRenewed(created.codes);
      },
      onError: (reason) => {
        const other = codeErrors(t, reason, form.setFieldError, 'code');
        if (other !== null) notify.error(reason);
      },
    });
  });
  return (
    <form onSubmit={submit} noValidate data-testid="recovery-codes-renew-form">
      <Group align="flex-end">
        <TotpCodeInput description={t('twoFactor.recovery.renewHint')} {...form.getInputProps('code')} />
        <Button type="submit" loading={renew.isPending} disabled={renew.isPending}>
          {t('twoFactor.recovery.renewSubmit')}
        </Button>
        <Button
          variant="subtle"
          color="gray"
          onClick={() => {
            form.reset();
            setOpen(false);
          }}
        >
          {t('twoFactor.recovery.cancel')}
        </Button>
      </Group>
    </form>
  );
}

function DisableForm() {
  const { t } = useTranslation();
  const notify = useNotify();
  const disable = useDisableTotp();
  const form = useForm({
    mode: 'controlled',
    initialValues: { code: '' },
    validate: { code: (value) => (totpCode(value) === null ? t('twoFactor.code.invalid') : null) },
  });
  const submit = form.onSubmit((values) => {
    disable.mutate(totpCode(values.code) ?? '', {
      onSuccess: () => {
        notify.success(t('twoFactor.disabled'));
      },
      onError: (reason) => {
        const other = codeErrors(t, reason, form.setFieldError, 'code');
        if (other !== null) notify.error(reason);
      },
    });
  });
  return (
    <form onSubmit={submit} noValidate data-testid="two-factor-disable">
      <Group align="flex-end">
        <TotpCodeInput description={t('twoFactor.disableHint')} {...form.getInputProps('code')} />
        <Button type="submit" color="red" variant="light" loading={disable.isPending} disabled={disable.isPending}>
          {t('twoFactor.disable')}
        </Button>
      </Group>
    </form>
  );
}

function deviceName(t: TFunction, d: DeviceSession): string {
  const names: Record<string, string> = {
    windows: t('devices.os.windows'),
    darwin: t('devices.os.darwin'),
    linux: t('devices.os.linux'),
  };
  const os = names[d.os] ?? d.os;
  const app = d.appVersion ? `1sales ${t('devices.version', { version: d.appVersion })}` : t('devices.unknownApp');
  return os ? `${app} · ${os}` : app;
}

/** "Angemeldete Geräte": the user's sessions, each with "Abmelden", and "alle anderen abmelden". */
export function DevicesCard() {
  const { t } = useTranslation();
  const format = useFormatters();
  const notify = useNotify();
  const devices = useDevices();
  const end = useEndDevices();
  const endOne = (id?: string) => {
    end.mutate(id, {
      onSuccess: () => {
        notify.success(id === undefined ? t('devices.othersSignedOut') : t('devices.signedOut'));
      },
      onError: (error) => {
        notify.error(error);
      },
    });
  };
  return (
    <Paper withBorder p="xl" radius="md" data-testid="devices">
      <Group gap="xs" mb="md">
        <IconDevices size={22} aria-hidden />
        <Title order={3} size="h4">
          {t('devices.title')}
        </Title>
      </Group>
      <Loaded query={devices}>
        {(list) => (
          <Stack gap="sm">
            <Table>
              <Table.Tbody>
                {list.items.map((d) => (
                  <Table.Tr key={d.id} data-testid="device" data-current={d.current}>
                    <Table.Td>
                      <Group gap="xs">
                        <Text size="sm" fw={500}>
                          {deviceName(t, d)}
                        </Text>
                        {d.current && (
                          <Badge size="sm" variant="light">
                            {t('devices.thisDevice')}
                          </Badge>
                        )}
                      </Group>
                      <Text size="xs" c="dimmed">
                        {t('devices.lastUsed', { date: format.relative(d.lastUsedAt) })}
                        {' · '}
                        {t('devices.signedInAt', { date: format.dateTime(d.createdAt) })}
                        {d.network ? ` · ${t('devices.network', { network: d.network })}` : ''}
                      </Text>
                    </Table.Td>
                    <Table.Td ta="right">
                      {!d.current && (
                        <Button
                          size="xs"
                          variant="light"
                          color="red"
                          onClick={() => {
                            endOne(d.id);
                          }}
                          disabled={end.isPending}
                        >
                          {t('devices.signOut')}
                        </Button>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Text size="xs" c="dimmed">
              {t('devices.intro')}
            </Text>
            {list.items.some((d) => !d.current) && (
              <Group justify="flex-end">
                <Button
                  variant="light"
                  color="red"
                  onClick={() => {
                    endOne();
                  }}
                  loading={end.isPending}
                >
                  {t('devices.signOutOthers')}
                </Button>
              </Group>
            )}
          </Stack>
        )}
      </Loaded>
    </Paper>
  );
}
