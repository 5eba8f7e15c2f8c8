import { Divider, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { modals } from '@mantine/modals';
import { useTranslation } from 'react-i18next';
import { FormSection } from './FormSection';
import { RecordFormModal } from '../records/RecordFormModal';
import { SALUTATIONS, type CustomField, type Person, type PersonCreate } from '../../api';
import { parseError } from '../../api/errors';
import { focusFirstError, showFormError } from '../../components/forms';
import { useNotify } from '../../components/notify';

import { useFormatters } from '../../i18n/format';
import { useMe } from '../auth/session';
import { CustomFieldInputs } from '../records/CustomFieldInputs';
import { numberSeparators } from '../records/customValues';
import { useCustomFields } from '../records/hooks';
import { OwnerSelect } from '../records/OwnerSelect';
import { AddressFields } from './AddressFields';
import { ContactRows } from './ContactRows';
import { useCreatePerson, useUpdatePerson } from './hooks';
import { OrganizationSelect } from './OrganizationSelect';
import {
  isEmptyPatch,
  personCreate,
  personErrorPath,
  personPatch,
  personValues,
  validatePerson,
  type PersonValues,
  type Sent,
} from './personForm';
import { FormActions } from '../../components/FormActions';
import { EditConflictNotice } from '../live/EditConflictNotice';
import { useEditConflict } from '../live/editConflict';

interface PersonFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The person to edit, as currently loaded; absent to create one. */
  person?: Person;
  /** On create: the organisation to put the new person in. */
  organizationId?: string;
  onSaved?: (person: Person) => void;
}

export function PersonFormModal({ opened, onClose, person, organizationId, onSaved }: PersonFormModalProps) {
  const { t } = useTranslation();
  const custom = useCustomFields('person');
  return (
    <RecordFormModal
      opened={opened}
      onClose={onClose}
      title={person ? t('persons.form.editTitle') : t('persons.form.createTitle')}
      query={custom}
      onSaved={onSaved}
    >
      {(onDone) => (
        <PersonForm
          key={person?.id ?? `new-${organizationId ?? ''}`}
          person={person}
          organizationId={organizationId}
          fields={custom.fields}
          onDone={onDone}
        />
      )}
    </RecordFormModal>
  );
}

function PersonForm({
  person,
  organizationId,
  fields,
  onDone,
}: {
  person?: Person;
  organizationId?: string;
  fields: readonly CustomField[];
  onDone: (saved?: Person) => void;
}) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const separators = numberSeparators(locale);
  const notify = useNotify();
  const me = useMe();
  const create = useCreatePerson();
  const update = useUpdatePerson();
  const creating = person === undefined;

  const valuesOf = (loaded: Person | undefined) =>
    personValues(loaded, fields, { ownerId: me.user.id, organizationId });
  const form = useForm<PersonValues>({
    mode: 'controlled',
    initialValues: valuesOf(person),
    validate: (values) => validatePerson(values, fields, t, { creating, separators }),
  });
  // The person the form was filled from, the version a save goes against, and someone else's change meanwhile.
  const { base, version, conflict, saveFailed } = useEditConflict('person', person, (latest) => {
    const values = valuesOf(latest);
    form.setInitialValues(values);
    form.setValues(values);
    form.resetDirty(values);
    form.clearErrors();
  });

  // rows: the form rows of the e-mail addresses and phone numbers sent, to place the server's errors on them.
  const onError = (reason: unknown, rows: Sent<unknown>['rows']) => {
    saveFailed(reason);
    showFormError(form, reason, t, notify, (path) => personErrorPath(path, rows));
  };

  const sendCreate = (body: PersonCreate, rows: Sent<unknown>['rows']) => {
    create.mutate(body, {
      onSuccess: (created) => {
        notify.success(t('persons.created', { name: created.name }));
        onDone(created);
      },
      onError: (reason) => {
        const error = parseError(reason);
        if (error.is('person.duplicate_email') && !body.allowDuplicate) {
          modals.openConfirmModal({
            title: t('persons.duplicate.title'),
            children: <Text size="sm">{t('persons.duplicate.body')}</Text>,
            labels: { confirm: t('persons.duplicate.confirm'), cancel: t('common.cancel') },
            onConfirm: () => {
              sendCreate({ ...body, allowDuplicate: true }, rows);
            },
            onCancel: () => {
              onError(error, rows);
            },
          });
          return;
        }
        onError(error, rows);
      },
    });
  };

  const submit = form.onSubmit((values) => {
    if (!base) {
      const sent = personCreate(values, fields, separators);
      sendCreate(sent.body, sent.rows);
      return;
    }
    const sent = personPatch(values, base, fields, separators);
    if (isEmptyPatch(sent.body)) {
      onDone();
      return;
    }
    update.mutate(
      { id: base.id, version, patch: sent.body },
      {
        onSuccess: (saved) => {
          notify.success(t('common.saved'));
          onDone(saved);
        },
        onError: (error) => {
          onError(error, sent.rows);
        },
      },
    );
  }, focusFirstError);

  const pending = create.isPending || update.isPending;
  const salutations = SALUTATIONS.map((value) => ({ value, label: t(`persons.salutations.${value}`) }));

  return (
    <form onSubmit={submit} noValidate data-testid="person-form">
      <Stack gap="sm">
        <EditConflictNotice conflict={conflict} />
        <FormSection title={t('persons.form.sections.person')} />
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Select
            label={t('persons.form.salutation')}
            data={salutations}
            allowDeselect={false}
            {...form.getInputProps('salutation')}
          />
          <TextInput
            label={t('persons.form.title')}
            placeholder={t('persons.form.titlePlaceholder')}
            {...form.getInputProps('title')}
          />
          <TextInput label={t('persons.form.jobTitle')} {...form.getInputProps('jobTitle')} />
          <TextInput label={t('persons.form.firstName')} data-autofocus {...form.getInputProps('firstName')} />
          <TextInput label={t('persons.form.lastName')} {...form.getInputProps('lastName')} />
        </SimpleGrid>

        <FormSection title={t('persons.form.sections.contact')} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          <ContactRows form={form} list="emails" />
          <ContactRows form={form} list="phones" />
        </SimpleGrid>

        <FormSection title={t('persons.form.sections.address')} />
        <AddressFields form={form} />

        <FormSection title={t('persons.form.sections.assignment')} />
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <OwnerSelect label={t('records.fields.owner')} {...form.getInputProps('ownerId')} />
          {creating && (
            <>
              <OrganizationSelect
                label={t('persons.form.organization')}
                {...form.getInputProps('organizationId')}
                value={form.getValues().organizationId}
                onChange={(id) => {
                  form.setFieldValue('organizationId', id);
                }}
                data-testid="person-form-organization"
              />
              <TextInput
                label={t('persons.form.organizationRole')}
                placeholder={t('persons.form.organizationRolePlaceholder')}
                {...form.getInputProps('organizationRole')}
              />
            </>
          )}
        </SimpleGrid>

        {fields.length > 0 && (
          <>
            <FormSection title={t('records.custom.title')} />
            <CustomFieldInputs fields={fields} form={form} />
          </>
        )}

        <Divider mt="sm" />
        <FormActions onCancel={onDone} pending={pending} creating={creating} />
      </Stack>
    </form>
  );
}
