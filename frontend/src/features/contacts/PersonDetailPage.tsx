import { Card, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActivitiesCard } from '../activities/ActivitiesCard';
import { contactsApi, isSalutation } from '../../api';
import { useFormatters } from '../../i18n/format';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { DocumentsCard } from '../documents/DocumentsCard';
import { ContactPointList } from '../records/ContactLinks';
import { addressText } from '../records/countries';
import { FieldList } from '../records/FieldList';
import { HistoryTimeline } from '../records/HistoryTimeline';
import { NotesPanel } from '../records/NotesPanel';
import { RecordActions, RecordDetailPage, RecordDetailLayout } from '../records/RecordDetail';
import { CustomFieldsCard } from '../records/CustomFieldsCard';
import { useDeleteWithUndo } from '../records/useDeleteWithUndo';
import { PlaceCard } from '../maps/PlaceCard';
import { RelatedDealsCard } from '../sales/RelatedDealsCard';
import { usePerson } from './hooks';
import { mainMembership, personFullName, personName } from './names';
import { PersonFormModal } from './PersonFormModal';
import { PersonOrganizationsCard } from './PersonOrganizationsCard';

export function PersonDetailPage() {
  return (
    <RecordDetailPage param="personId" useRecord={usePerson} list="persons">
      {(_person, personId) => <PersonDetail personId={personId} />}
    </RecordDetailPage>
  );
}

function PersonDetail({ personId }: { personId: string }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const me = useMe();
  const query = usePerson(personId);
  const [editing, setEditing] = useState(false);
  const { confirmDelete, pending } = useDeleteWithUndo('person', contactsApi.deletePerson);
  const person = query.data;
  if (!person) {
    return null;
  }

  const main = mainMembership(person.organizations);
  const subtitle = [person.jobTitle, main?.organizationName].filter(Boolean).join(' · ');

  return (
    <>
      <RecordDetailLayout
        testId="person-detail"
        backTo="/persons"
        backLabel={t('persons.backToList')}
        title={personFullName(t, person)}
        subtitle={subtitle}
        actions={
          <RecordActions
            canEdit={grants(me.role, 'person', 'edit')}
            canDelete={grants(me.role, 'person', 'delete')}
            onEdit={() => {
              setEditing(true);
            }}
            onDelete={() => {
              confirmDelete({ id: person.id, version: person.version, name: personName(t, person) });
            }}
            busy={pending}
          />
        }
        main={
          <>
            <Card withBorder radius="md" padding="lg" data-testid="person-fields">
              <Title order={3} size="h4" mb="md">
                {t('persons.detail.details')}
              </Title>
              <FieldList
                items={[
                  {
                    label: t('persons.form.salutation'),
                    value:
                      isSalutation(person.salutation) && person.salutation !== 'none'
                        ? t(`persons.salutations.${person.salutation}`)
                        : '',
                  },
                  { label: t('persons.form.title'), value: person.title },
                  { label: t('persons.form.firstName'), value: person.firstName },
                  { label: t('persons.form.lastName'), value: person.lastName },
                  { label: t('persons.form.jobTitle'), value: person.jobTitle, testId: 'person-job-title' },
                  { label: t('records.fields.owner'), value: person.ownerName, testId: 'person-owner' },
                  {
                    label: t('persons.form.emails'),
                    value: person.emails.length > 0 ? <ContactPointList points={person.emails} scheme="mailto" /> : '',
                  },
                  {
                    label: t('persons.form.phones'),
                    value: person.phones.length > 0 ? <ContactPointList points={person.phones} scheme="tel" /> : '',
                  },
                  { label: t('address.title'), value: addressText(person.address, format.locale) },
                  { label: t('records.fields.createdAt'), value: format.dateTime(person.createdAt) },
                  { label: t('records.fields.updatedAt'), value: format.dateTime(person.updatedAt) },
                ]}
              />
            </Card>
            <CustomFieldsCard recordType="person" custom={person.custom} />
            <PersonOrganizationsCard person={person} canEdit={grants(me.role, 'person', 'edit')} />
            <RelatedDealsCard personId={person.id} />
            <DocumentsCard recordType="person" recordId={person.id} />
          </>
        }
        side={
          <>
            <ActivitiesCard recordType="person" recordId={person.id} links={{ personId: person.id }} />
            <PlaceCard
              recordType="person"
              recordId={person.id}
              name={personName(t, person)}
              address={person.address}
              position={person.position}
              via={person.via}
            />
            <NotesPanel recordType="person" recordId={person.id} />
            <HistoryTimeline recordType="person" recordId={person.id} />
          </>
        }
      />
      <PersonFormModal
        opened={editing}
        person={person}
        onClose={() => {
          setEditing(false);
        }}
      />
    </>
  );
}
