import { Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { MAIL_LANGUAGES, TWO_FACTOR_POLICIES, type TenantSettings } from '../../../api';
import { showFormError } from '../../../components/forms';
import { Loaded } from '../../../components/Loading';
import { useNotify } from '../../../components/notify';
import { PageHeader } from '../../../components/PageHeader';
import { useSetTenantSettings, useTenantSettings } from '../../support/hooks';
import { SSOSettingsSection } from './SSOSettingsSection';

/**
 * "Unternehmen": settings of the whole company (admins): the language of the server's mails, the support address,
 * who must sign in with a second factor.
 */
export function CompanySettingsPage() {
  const { t } = useTranslation();
  const settings = useTenantSettings();
  return (
    <Stack maw={640}>
      <PageHeader title={t('company.title')} />
      <Text size="sm">{t('company.intro')}</Text>
      <Loaded query={settings}>{(loaded) => <CompanyForm key={loaded.version} settings={loaded} />}</Loaded>
      <SSOSettingsSection />
    </Stack>
  );
}

/** A plain address (name@domain.tld), as the server takes it; the server's check decides. */
const EMAIL = /^[^\s@<>",;]+@[^\s@<>",;]+\.[^\s@<>",;]+$/;

function CompanyForm({ settings }: { settings: TenantSettings }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const save = useSetTenantSettings();
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      language: settings.language,
      supportEmail: settings.supportEmail,
      twoFactorPolicy: settings.twoFactorPolicy,
    },
    validate: {
      supportEmail: (value) =>
        value.trim() !== '' && !EMAIL.test(value.trim()) ? t('company.supportEmailInvalid') : null,
    },
  });
  const submit = form.onSubmit((values) => {
    save.mutate(
      { language: values.language, supportEmail: values.supportEmail.trim(), twoFactorPolicy: values.twoFactorPolicy },
      {
        onSuccess: () => {
          notify.success(t('company.saved'));
        },
        onError: (reason) => {
          showFormError(form, reason, t, notify);
        },
      },
    );
  });
  return (
    <Paper withBorder p="xl" radius="md">
      <form onSubmit={submit} noValidate data-testid="company-settings-form">
        <Stack>
          <Select
            label={t('company.language')}
            description={t('company.languageHint')}
            data={MAIL_LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
            allowDeselect={false}
            {...form.getInputProps('language')}
          />
          <TextInput
            label={t('company.supportEmail')}
            description={t('company.supportEmailHint')}
            type="email"
            placeholder="support@firma.de"
            data-testid="company-support-email"
            {...form.getInputProps('supportEmail')}
          />
          <Select
            label={t('twoFactor.policy.label')}
            description={t('twoFactor.policy.description')}
            data={TWO_FACTOR_POLICIES.map((policy) => ({ value: policy, label: t(`twoFactor.policy.${policy}`) }))}
            allowDeselect={false}
            data-testid="company-two-factor-policy"
            {...form.getInputProps('twoFactorPolicy')}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
