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
import { useForm, type UseFormReturnType } from '@mantine/form';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useOpenCreatedRecord } from '../records/titleFocus';
import {
  parseError,
  type ConvertMode,
  type CustomField,
  type FieldMapping,
  type Lead,
  type LeadConvert,
  type Pipeline,
} from '../../api';
import { Loaded } from '../../components/Loading';
import { formPath, hasPath } from '../../components/forms';
import { useNotify } from '../../components/notify';
import { fieldErrorText } from '../../i18n/errorText';
import { namedFieldErrorText } from '../../i18n/fieldLabels';
import { useFormatters } from '../../i18n/format';
import { customErrorTexts } from '../contacts/contactForm';
import { personName } from '../contacts/names';
import { OrganizationSelect } from '../contacts/OrganizationSelect';
import { CustomFieldInputs } from '../records/CustomFieldInputs';
import { customCreateValues, customFormValues, numberSeparators, type CustomFormValues } from '../records/customValues';
import { useCustomFields } from '../records/hooks';
import { cachedCustomFieldLabel } from '../records/keys';
import { CONVERT_PARTS, mappedCustomValues, requiredFields, splitPart, type ConvertPart } from './convertForm';
import { useConvertLead, useLeadMapping, useLeadMatches, usePipelines } from './hooks';
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
  children,
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
  /** What a new record needs besides the mapping (its required custom fields), shown when creating one. */
  children?: React.ReactNode;
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
      {mode === 'create' && children}
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
      {opened && <ConvertLoader lead={lead} onClose={onClose} />}
    </Modal>
  );
}

/** The conversion form once the custom fields, the mapping and the deal pipelines are there. */
function ConvertLoader({ lead, onClose }: { lead: Lead; onClose: () => void }) {
  const person = useCustomFields('person');
  const organization = useCustomFields('organization');
  const deal = useCustomFields('deal');
  const mapping = useLeadMapping();
  const pipelines = usePipelines('deal');
  return (
    <Loaded query={mapping} also={[person, organization, deal, pipelines]} small>
      {(items) => (
        <ConvertForm
          lead={lead}
          onClose={onClose}
          mapping={items}
          pipelines={pipelines.data ?? []}
          fields={{
            person: requiredFields(person.fields),
            organization: requiredFields(organization.fields),
            deal: requiredFields(deal.fields),
          }}
        />
      )}
    </Loaded>
  );
}

type PartForm = UseFormReturnType<{ custom: CustomFormValues }>;

/** The required custom fields of one part's new record, prefilled through the mapping and checked as its form does. */
function usePartForm(part: ConvertPart, lead: Lead, mapping: readonly FieldMapping[], fields: readonly CustomField[]) {
  const { t } = useTranslation();
  const separators = numberSeparators(useFormatters().locale);
  return useForm<{ custom: CustomFormValues }>({
    mode: 'controlled',
    initialValues: { custom: customFormValues(fields, mappedCustomValues(lead, mapping, part, fields)) },
    validate: (values) => customErrorTexts(t, fields, values.custom, separators),
  });
}

function ConvertForm({
  lead,
  onClose,
  mapping,
  pipelines,
  fields,
}: {
  lead: Lead;
  onClose: () => void;
  mapping: readonly FieldMapping[];
  pipelines: readonly Pipeline[];
  fields: Record<ConvertPart, CustomField[]>;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const notify = useNotify();
  const openCreated = useOpenCreatedRecord();
  const matches = useLeadMatches(lead.id, true);
  const convert = useConvertLead(lead.id);
  const [personMode, setPersonMode] = useState<ConvertMode>(
    lead.personName !== '' || lead.email !== '' ? 'create' : 'none',
  );
  const [personId, setPersonId] = useState('');
  const [organizationMode, setOrganizationMode] = useState<ConvertMode>(lead.company !== '' ? 'create' : 'none');
  const [organizationId, setOrganizationId] = useState('');
  const [withDeal, setWithDeal] = useState(false);
  // With only one deal pipeline there is nothing to choose: it and its first stage are preselected.
  const onlyPipeline = pipelines.length === 1 ? pipelines[0] : undefined;
  const [deal, setDeal] = useState({
    pipelineId: onlyPipeline?.id ?? '',
    stageId: onlyPipeline?.stages[0]?.id ?? '',
    title: lead.title,
    value: '',
  });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [serverErrors, setServerErrors] = useState<string[]>([]);
  const forms: Record<ConvertPart, PartForm> = {
    person: usePartForm('person', lead, mapping, fields.person),
    organization: usePartForm('organization', lead, mapping, fields.organization),
    deal: usePartForm('deal', lead, mapping, fields.deal),
  };
  const creates: Record<ConvertPart, boolean> = {
    person: personMode === 'create',
    organization: organizationMode === 'create',
    deal: withDeal,
  };
  const separators = numberSeparators(locale);
  const customOf = (part: ConvertPart) =>
    creates[part] ? customCreateValues(fields[part], forms[part].getValues().custom, separators) : {};
  const customLabel = cachedCustomFieldLabel(useQueryClient());

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

  /** Server errors: a part's custom field next to its input, the choice of an existing record at the choice, the rest named. */
  const showServerError = (reason: unknown) => {
    const error = parseError(reason);
    const rest: Record<string, string> = {};
    const next: Record<string, string> = {};
    const own: Record<ConvertPart, Record<string, string>> = { person: {}, organization: {}, deal: {} };
    for (const [field, code] of Object.entries(error.fields)) {
      const split = splitPart(field);
      if (split?.field === 'existingId' && split.part !== 'deal') {
        next[split.part] = fieldErrorText(t, field, code);
      } else if (split && hasPath(forms[split.part].getValues(), formPath(split.field))) {
        own[split.part][formPath(split.field)] = fieldErrorText(t, field, code);
      } else {
        rest[field] = code;
      }
    }
    for (const part of CONVERT_PARTS) forms[part].setErrors(own[part]);
    setErrors(next);
    setServerErrors(Object.entries(rest).map(([field, code]) => namedFieldErrorText(t, field, code, customLabel)));
    if (Object.keys(error.fields).length === 0) notify.error(error);
  };

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
    // The required custom fields of what is created, checked as the record forms check them.
    const invalid = CONVERT_PARTS.filter((part) => creates[part] && forms[part].validate().hasErrors);
    setErrors(next);
    if (Object.keys(next).length > 0 || invalid.length > 0) return;
    const input: LeadConvert = {
      person: { mode: personMode, existingId: personMode === 'existing' ? personId : '', custom: customOf('person') },
      organization: {
        mode: organizationMode,
        existingId: organizationMode === 'existing' ? organizationId : '',
        custom: customOf('organization'),
      },
      ...(withDeal && {
        deal: {
          pipelineId: deal.pipelineId,
          stageId: deal.stageId,
          title: deal.title.trim(),
          value: value ?? '0.00',
          custom: customOf('deal'),
        },
      }),
    };
    setServerErrors([]);
    convert.mutate(input, {
      onSuccess: (result) => {
        notify.success(t('leads.convert.done'));
        onClose();
        if (result.personId) openCreated(`/persons/${result.personId}`);
        else if (result.organizationId) openCreated(`/organizations/${result.organizationId}`);
      },
      onError: showServerError,
    });
  };

  /** The required fields of a part's new record, under a caption. */
  const requiredInputs = (part: ConvertPart) =>
    fields[part].length > 0 && (
      <Stack gap={4} data-testid={`convert-${part}-fields`}>
        <Text size="xs" c="dimmed" fw={600}>
          {t(`leads.convert.requiredFields.${part}`)}
        </Text>
        <CustomFieldInputs fields={fields[part]} form={forms[part]} narrow={part !== 'deal'} />
      </Stack>
    );

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
          >
            {requiredInputs('person')}
          </TargetChoice>
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
          >
            {requiredInputs('organization')}
          </TargetChoice>
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
        {withDeal && requiredInputs('deal')}
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
