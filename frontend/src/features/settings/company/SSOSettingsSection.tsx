import {
  Badge,
  Button,
  Checkbox,
  Group,
  Paper,
  PasswordInput,
  Select,
  Stack,
  Switch,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import type { Role, SSOSettings, Unit } from '../../../api';
import { showFormError } from '../../../components/forms';
import { Loaded } from '../../../components/Loading';
import { useNotify } from '../../../components/notify';
import { useRoles, useUnits } from '../queries';
import { useSetSSOSettings, useSSOSettings } from './hooks';

type Preset = 'entra' | 'google' | 'custom';

const GOOGLE_ISSUER = 'https://accounts.google.com';
const ENTRA = /^https:\/\/login\.microsoftonline\.com\/([^/]+)\/v2\.0$/;

/** The issuer of a Microsoft Entra ID directory (tenant). */
function entraIssuer(tenant: string): string {
  return `https://login.microsoftonline.com/${tenant.trim()}/v2.0`;
}

function presetOf(issuer: string): Preset {
  if (issuer === GOOGLE_ISSUER) return 'google';
  return ENTRA.test(issuer) ? 'entra' : 'custom';
}

/** An issuer the server may take: https:// with a host (http:// only to this computer). */
function isIssuer(value: string): boolean {
  try {
    const url = new URL(value);
    const local = url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]';
    return (url.protocol === 'https:' || (url.protocol === 'http:' && local)) && url.hostname !== '';
  } catch {
    return false;
  }
}

const DOMAIN = /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** "Single Sign-on" on the company settings page (admins): the company's OpenID Connect provider. */
export function SSOSettingsSection() {
  const { t } = useTranslation();
  const settings = useSSOSettings();
  const units = useUnits();
  const roles = useRoles();
  return (
    <Paper withBorder p="xl" radius="md">
      <Stack>
        <Title order={2} size="h4">
          {t('sso.settings.title')}
        </Title>
        <Text size="sm">{t('sso.settings.intro')}</Text>
        <Loaded query={settings}>
          {(loaded) => (
            <SSOForm key={loaded.version} settings={loaded} units={units.data ?? []} roles={roles.data ?? []} />
          )}
        </Loaded>
      </Stack>
    </Paper>
  );
}

interface SSOValues {
  enabled: boolean;
  preset: Preset;
  entraTenant: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
  removeSecret: boolean;
  domains: string[];
  defaultUnitId: string;
  defaultRoleId: string;
  passwordDisabled: boolean;
}

export function SSOForm({ settings, units, roles }: { settings: SSOSettings; units: Unit[]; roles: Role[] }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSetSSOSettings();
  const preset = settings.configured ? presetOf(settings.issuer) : 'entra';
  const form = useForm<SSOValues>({
    mode: 'controlled',
    initialValues: {
      enabled: settings.configured ? settings.enabled : true,
      preset,
      entraTenant: ENTRA.exec(settings.issuer)?.[1] ?? '',
      issuer: settings.issuer,
      clientId: settings.clientId,
      clientSecret: '',
      removeSecret: false,
      domains: settings.domains,
      defaultUnitId: settings.defaultUnitId,
      defaultRoleId: settings.defaultRoleId,
      passwordDisabled: settings.passwordDisabled,
    },
    validate: {
      entraTenant: (value, values) => (values.preset === 'entra' && value.trim() === '' ? t('fields.required') : null),
      issuer: (value) => {
        if (value.trim() === '') return t('fields.required');
        return isIssuer(value.trim()) ? null : t('sso.settings.validation.issuer');
      },
      clientId: (value) => (value.trim() === '' ? t('fields.required') : null),
      domains: (value) => {
        if (value.length === 0) return t('fields.required');
        const bad = value.find((d) => !DOMAIN.test(d.trim().toLowerCase()));
        return bad === undefined ? null : t('sso.settings.validation.domain', { domain: bad });
      },
      defaultUnitId: (value) => (value === '' ? t('fields.required') : null),
      defaultRoleId: (value) => (value === '' ? t('fields.required') : null),
    },
  });

  const choosePreset = (next: Preset) => {
    form.setFieldValue('preset', next);
    if (next === 'google') form.setFieldValue('issuer', GOOGLE_ISSUER);
    if (next === 'entra') form.setFieldValue('issuer', entraIssuer(form.values.entraTenant));
  };
  const setEntraTenant = (tenant: string) => {
    form.setFieldValue('entraTenant', tenant);
    form.setFieldValue('issuer', entraIssuer(tenant));
  };

  const submit = form.onSubmit((values) => {
    const secret = values.clientSecret !== '' ? values.clientSecret : values.removeSecret ? '' : undefined;
    save.mutate(
      {
        enabled: values.enabled,
        issuer: values.issuer.trim(),
        clientId: values.clientId.trim(),
        clientSecret: secret,
        domains: values.domains.map((d) => d.trim().toLowerCase()),
        defaultUnitId: values.defaultUnitId,
        defaultRoleId: values.defaultRoleId,
        passwordDisabled: values.passwordDisabled,
      },
      {
        onSuccess: () => {
          notify.success(t('sso.settings.saved'));
        },
        onError: (reason) => {
          // Every domain's problem stands at the domains field ("domains[1]" -> domains).
          showFormError(form, reason, t, notify, (path) => (path.startsWith('domains') ? 'domains' : path));
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate data-testid="sso-settings-form">
      <Stack>
        <Switch label={t('sso.settings.enabled')} {...form.getInputProps('enabled', { type: 'checkbox' })} />
        <Select
          label={t('sso.settings.preset')}
          data={(['entra', 'google', 'custom'] as const).map((p) => ({
            value: p,
            label: t(`sso.settings.presets.${p}`),
          }))}
          allowDeselect={false}
          value={form.values.preset}
          onChange={(value) => {
            if (value === 'entra' || value === 'google' || value === 'custom') choosePreset(value);
          }}
        />
        {form.values.preset === 'entra' && (
          <TextInput
            label={t('sso.settings.entraTenant')}
            description={t('sso.settings.entraTenantHint')}
            placeholder="00000000-0000-0000-0000-000000000000"
            {...form.getInputProps('entraTenant')}
            onChange={(event) => {
              setEntraTenant(event.currentTarget.value);
            }}
          />
        )}
        <TextInput
          label={t('sso.settings.issuer')}
          description={t('sso.settings.issuerHint')}
          readOnly={form.values.preset !== 'custom'}
          {...form.getInputProps('issuer')}
        />
        <TextInput label={t('sso.settings.clientId')} {...form.getInputProps('clientId')} />
        <PasswordInput
          label={
            <Group gap="xs" component="span">
              {t('sso.settings.clientSecret')}
              {settings.clientSecretSet && (
                <Badge size="sm" variant="light" data-testid="sso-secret-set">
                  {t('sso.settings.clientSecretSet')}
                </Badge>
              )}
            </Group>
          }
          description={
            settings.clientSecretSet ? t('sso.settings.clientSecretSetHint') : t('sso.settings.clientSecretHint')
          }
          autoComplete="new-password"
          {...form.getInputProps('clientSecret')}
        />
        {settings.clientSecretSet && (
          <Checkbox
            label={t('sso.settings.clientSecretRemove')}
            disabled={form.values.clientSecret !== ''}
            {...form.getInputProps('removeSecret', { type: 'checkbox' })}
          />
        )}
        <TagsInput
          label={t('sso.settings.domains')}
          description={t('sso.settings.domainsHint')}
          placeholder="ihre-firma.de"
          splitChars={[',', ' ']}
          {...form.getInputProps('domains')}
        />
        <Group grow align="flex-start">
          <Select
            label={t('sso.settings.defaultUnit')}
            data={units.map((u) => ({ value: u.id, label: u.name }))}
            searchable
            {...form.getInputProps('defaultUnitId')}
          />
          <Select
            label={t('sso.settings.defaultRole')}
            data={roles.map((r) => ({ value: r.id, label: r.name }))}
            searchable
            {...form.getInputProps('defaultRoleId')}
          />
        </Group>
        <Checkbox
          label={t('sso.settings.passwordDisabled')}
          description={t('sso.settings.passwordDisabledHint')}
          {...form.getInputProps('passwordDisabled', { type: 'checkbox' })}
        />
        <Text size="xs" c="dimmed">
          {t('sso.settings.redirect', { uri: settings.redirectUri })}
        </Text>
        <Group justify="flex-end">
          <Button type="submit" loading={save.isPending} disabled={save.isPending}>
            {t('common.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
