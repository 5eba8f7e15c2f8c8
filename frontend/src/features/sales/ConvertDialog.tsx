import {
  Alert,
  Checkbox,
  Divider,
  Group,
  Modal,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { parseError, type ConvertMode, type Lead, type LeadConvert } from '../../api';
import { useNotify } from '../../components/notify';
import { fieldErrorText } from '../../i18n/errorText';
import { useFormatters } from '../../i18n/format';
import { personName } from '../contacts/names';
import { OrganizationSelect } from '../contacts/OrganizationSelect';
import { useConvertLead, useLeadMatches } from './hooks';
import { moneySeparators, parseMoneyInput } from './money';
import { PersonSelect } from './PersonSelect';
import { PipelineStageFields } from './PipelineStageFields';
import { FormActions } from '../../components/FormActions';

interface Hint {
  id: string;
  label: string;
  detail: string;
}

/** One side of the conversion (person or organisation): create, link an existing one (hints or search), or none. */
function TargetChoice({
  title,
  mode,
  onMode,
  existingId,
  onExisting,
  hints,
  search,
  error,
  testId,
}: {
  title: string;
  mode: ConvertMode;
  onMode: (mode: ConvertMode) => void;
  existingId: string;
  onExisting: (id: string) => void;
  hints: Hint[];
  search: React.ReactNode;
  error?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid={testId}>
      <Title order={4} size="h5">
        {title}
      </Title>
      <Radio.Group value={mode} onChange={onMode} aria-label={title}>
        <Group gap="md">
          {(['create', 'existing', 'none'] as const).map((value) => (
            <Radio key={value} value={value} label={t(`leads.convert.modes.${value}`)} />
          ))}
        </Group>
      </Radio.Group>
      <Text size="xs" c="dimmed" fw={600}>
        {t('leads.convert.hints')}
      </Text>
      {hints.length === 0 ? (
        <Text size="xs" c="dimmed">
          {t('leads.convert.noHints')}
        </Text>
      ) : (
        <Stack gap={4}>
          {hints.map((hint) => (
            <UnstyledButton
              key={hint.id}
              onClick={() => {
                onMode('existing');
                onExisting(hint.id);
              }}
              data-testid="convert-hint"
              data-name={hint.label}
              style={{
                border: '1px solid var(--mantine-color-gray-3)',
                borderRadius: 6,
                padding: '4px 8px',
                background: mode === 'existing' && existingId === hint.id ? 'var(--mantine-color-blue-0)' : undefined,
              }}
            >
              <Text size="sm" fw={500}>
                {hint.label}
              </Text>
              {hint.detail && (
                <Text size="xs" c="dimmed">
                  {hint.detail}
                </Text>
              )}
            </UnstyledButton>
          ))}
        </Stack>
      )}
      {mode === 'existing' && search}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Stack>
  );
}

export function ConvertDialog({ lead, opened, onClose }: { lead: Lead; opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.convert.title')} size="xl">
      {opened && <ConvertForm lead={lead} onClose={onClose} />}
    </Modal>
  );
}

function ConvertForm({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const notify = useNotify();
  const navigate = useNavigate();
  const matches = useLeadMatches(lead.id, true);
  const convert = useConvertLead(lead.id);
  const [personMode, setPersonMode] = useState<ConvertMode>(
    lead.personName !== '' || lead.email !== '' ? 'create' : 'none',
  );
  const [personId, setPersonId] = useState('');
  const [organizationMode, setOrganizationMode] = useState<ConvertMode>(lead.company !== '' ? 'create' : 'none');
  const [organizationId, setOrganizationId] = useState('');
  const [withDeal, setWithDeal] = useState(false);
  const [deal, setDeal] = useState({ pipelineId: '', stageId: '', title: lead.title, value: '' });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverErrors, setServerErrors] = useState<string[]>([]);

  const personHints: Hint[] = (matches.data?.persons ?? []).map((person) => ({
    id: person.id,
    label: personName(t, person),
    detail: [person.emails[0]?.value, person.organizations[0]?.organizationName].filter(Boolean).join(' · '),
  }));
  const organizationHints: Hint[] = (matches.data?.organizations ?? []).map((organization) => ({
    id: organization.id,
    label: organization.name,
    detail: organization.address.city,
  }));

  const submit = (event: React.SyntheticEvent) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (personMode === 'existing' && personId === '') next.person = t('leads.convert.pickRequired');
    if (organizationMode === 'existing' && organizationId === '') next.organization = t('leads.convert.pickRequired');
    if (personMode === 'none' && organizationMode === 'none') next.form = t('leads.convert.nothingRequired');
    const value = parseMoneyInput(deal.value, moneySeparators(locale));
    if (withDeal && value === null) next.dealValue = t('deals.validation.valueInvalid');
    if (withDeal && deal.pipelineId === '') next.dealPipeline = t('deals.validation.pipelineRequired');
    if (withDeal && deal.title.trim() === '') next.dealTitle = t('deals.validation.titleRequired');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    const input: LeadConvert = {
      person: { mode: personMode, existingId: personMode === 'existing' ? personId : '' },
      organization: { mode: organizationMode, existingId: organizationMode === 'existing' ? organizationId : '' },
      ...(withDeal && {
        deal: { pipelineId: deal.pipelineId, stageId: deal.stageId, title: deal.title.trim(), value: value ?? '0.00' },
      }),
    };
    setServerErrors([]);
    convert.mutate(input, {
      onSuccess: (result) => {
        notify.success(t('leads.convert.done'));
        onClose();
        if (result.personId) void navigate(`/persons/${result.personId}`);
        else if (result.organizationId) void navigate(`/organizations/${result.organizationId}`);
      },
      onError: (reason) => {
        const error = parseError(reason);
        const texts = Object.entries(error.fields).map(
          ([field, code]) => `${field}: ${fieldErrorText(t, field.replace(/^(person|organization|deal)\./, ''), code)}`,
        );
        if (texts.length > 0) setServerErrors(texts);
        else notify.error(error);
      },
    });
  };

  return (
    <form onSubmit={submit} noValidate data-testid="convert-form">
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="lg">
          <TargetChoice
            title={t('leads.convert.person')}
            mode={personMode}
            onMode={setPersonMode}
            existingId={personId}
            onExisting={setPersonId}
            hints={personHints}
            error={errors.person}
            testId="convert-person"
            search={
              <PersonSelect
                label={t('leads.convert.pickPerson')}
                value={personId}
                knownName={personHints.find((hint) => hint.id === personId)?.label}
                onChange={setPersonId}
              />
            }
          />
          <TargetChoice
            title={t('leads.convert.organization')}
            mode={organizationMode}
            onMode={setOrganizationMode}
            existingId={organizationId}
            onExisting={setOrganizationId}
            hints={organizationHints}
            error={errors.organization}
            testId="convert-organization"
            search={
              <OrganizationSelect
                label={t('leads.convert.pickOrganization')}
                value={organizationId}
                onChange={setOrganizationId}
              />
            }
          />
        </SimpleGrid>
        <Divider />
        <Checkbox
          label={t('leads.convert.deal')}
          checked={withDeal}
          onChange={(event) => {
            setWithDeal(event.currentTarget.checked);
          }}
        />
        {withDeal && (
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('leads.convert.dealTitle')}
              value={deal.title}
              onChange={(event) => {
                setDeal({ ...deal, title: event.currentTarget.value });
              }}
              error={errors.dealTitle}
            />
            <TextInput
              label={t('deals.form.value')}
              placeholder="1.234,56"
              value={deal.value}
              onChange={(event) => {
                setDeal({ ...deal, value: event.currentTarget.value });
              }}
              error={errors.dealValue}
            />
            <PipelineStageFields
              recordType="deal"
              pipelineId={deal.pipelineId}
              stageId={deal.stageId}
              onChange={(pipelineId, stageId) => {
                setDeal({ ...deal, pipelineId, stageId });
              }}
              pipelineError={errors.dealPipeline}
            />
          </SimpleGrid>
        )}
        {errors.form && <Alert color="red">{errors.form}</Alert>}
        {serverErrors.length > 0 && (
          <Alert color="red" data-testid="convert-errors">
            {serverErrors.map((text) => (
              <div key={text}>{text}</div>
            ))}
          </Alert>
        )}
        <FormActions onCancel={onClose} pending={convert.isPending} submit={t('leads.convert.submit')} />
      </Stack>
    </form>
  );
}
