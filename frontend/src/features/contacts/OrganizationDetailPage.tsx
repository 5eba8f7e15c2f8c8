import { Anchor, Button, Card, Group, Table, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Loading } from '../../components/Loading';
import { Link, useNavigate } from 'react-router';
import { useOpenCreatedRecord } from '../records/titleFocus';
import { ActivitiesCard } from '../activities/ActivitiesCard';
import { contactsApi, type Organization } from '../../api';
import { QueryError } from '../../components/QueryError';
import { useFormatters } from '../../i18n/format';
import { grants } from '../access/grants';
import { useMe } from '../auth/session';
import { DocumentsCard } from '../documents/DocumentsCard';
import { PlaceCard } from '../maps/PlaceCard';
import { ExternalLink, WebsiteLink } from '../records/ContactLinks';
import { addressText } from '../records/countries';
import { FieldList } from '../records/FieldList';
import { HistoryTimeline } from '../records/HistoryTimeline';
import { NotesPanel } from '../records/NotesPanel';
import { RecordActions, RecordDetailPage, RecordDetailLayout } from '../records/RecordDetail';
import { CustomFieldsCard } from '../records/CustomFieldsCard';
import { useDeleteWithUndo } from '../records/useDeleteWithUndo';
import { RelatedDealsCard } from '../sales/RelatedDealsCard';
import { useOrganization, useOrganizationPersons } from './hooks';
import { personName } from './names';
import { OrganizationFormModal } from './OrganizationFormModal';
import { PersonFormModal } from './PersonFormModal';

export function OrganizationDetailPage() {
  return (
    <RecordDetailPage param="organizationId" useRecord={useOrganization} list="organizations">
      {(organization) => <OrganizationDetail organization={organization} />}
    </RecordDetailPage>
  );
}

function OrganizationDetail({ organization }: { organization: Organization }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const { confirmDelete, pending } = useDeleteWithUndo('organization', contactsApi.deleteOrganization);
  const subtitle = [organization.industry, organization.address.city].filter(Boolean).join(' · ');

  return (
    <>
      <RecordDetailLayout
        testId="organization-detail"
        backTo="/organizations"
        backLabel={t('organizations.backToList')}
        title={organization.name}
        subtitle={subtitle}
        actions={
          <RecordActions
            canEdit={grants(me.role, 'organization', 'edit')}
            canDelete={grants(me.role, 'organization', 'delete')}
            onEdit={() => {
              setEditing(true);
            }}
            onDelete={() => {
              confirmDelete({ id: organization.id, version: organization.version, name: organization.name });
            }}
            busy={pending}
          />
        }
        main={
          <>
            <Card withBorder radius="md" padding="lg" data-testid="organization-fields">
              <Title order={3} size="h4" mb="md">
                {t('organizations.detail.details')}
              </Title>
              <FieldList
                items={[
                  { label: t('organizations.form.name'), value: organization.name },
                  { label: t('organizations.form.industry'), value: organization.industry },
                  {
                    label: t('organizations.form.phone'),
                    value: organization.phone ? (
                      <ExternalLink href={`tel:${organization.phone.replace(/\s/g, '')}`}>
                        {organization.phone}
                      </ExternalLink>
                    ) : (
                      ''
                    ),
                  },
                  {
                    label: t('organizations.form.email'),
                    value: organization.email ? (
                      <ExternalLink href={`mailto:${organization.email}`}>{organization.email}</ExternalLink>
                    ) : (
                      ''
                    ),
                  },
                  {
                    label: t('organizations.form.website'),
                    value: organization.website ? <WebsiteLink url={organization.website} /> : '',
                  },
                  { label: t('address.title'), value: addressText(organization.address, format.locale) },
                  { label: t('records.fields.owner'), value: organization.ownerName, testId: 'organization-owner' },
                  { label: t('records.fields.createdAt'), value: format.dateTime(organization.createdAt) },
                  { label: t('records.fields.updatedAt'), value: format.dateTime(organization.updatedAt) },
                ]}
              />
            </Card>
            <CustomFieldsCard recordType="organization" custom={organization.custom} />
            <OrganizationPersonsCard organization={organization} canCreate={grants(me.role, 'person', 'create')} />
            <RelatedDealsCard organizationId={organization.id} />
            <DocumentsCard recordType="organization" recordId={organization.id} />
          </>
        }
        side={
          <>
            <ActivitiesCard
              recordType="organization"
              recordId={organization.id}
              links={{ organizationId: organization.id }}
            />
            <PlaceCard
              recordType="organization"
              recordId={organization.id}
              name={organization.name}
              address={organization.address}
              position={organization.position}
            />
            <NotesPanel recordType="organization" recordId={organization.id} />
            <HistoryTimeline recordType="organization" recordId={organization.id} />
          </>
        }
      />
      <OrganizationFormModal
        opened={editing}
        organization={organization}
        onClose={() => {
          setEditing(false);
        }}
      />
    </>
  );
}

function OrganizationPersonsCard({ organization, canCreate }: { organization: Organization; canCreate: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const openCreated = useOpenCreatedRecord();
  const persons = useOrganizationPersons(organization.id);
  const [creating, setCreating] = useState(false);

  return (
    <Card withBorder radius="md" padding="lg" data-testid="organization-persons">
      <Group justify="space-between" mb="md">
        <Title order={3} size="h4">
          {t('organizations.persons.title')}
        </Title>
        {canCreate && (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} />}
            onClick={() => {
              setCreating(true);
            }}
          >
            {t('persons.create')}
          </Button>
        )}
      </Group>
      {persons.isError ? (
        <QueryError error={persons.error} onRetry={() => void persons.refetch()} />
      ) : persons.isPending ? (
        <Loading small />
      ) : persons.data.items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('organizations.persons.empty')}
        </Text>
      ) : (
        <Table verticalSpacing="xs" highlightOnHover>
          <Table.Tbody>
            {persons.data.items.map((person) => {
              const membership = person.organizations.find((item) => item.organizationId === organization.id);
              return (
                <Table.Tr
                  key={person.id}
                  onClick={() => void navigate(`/persons/${person.id}`)}
                  style={{ cursor: 'pointer' }}
                  data-testid="organization-person"
                  data-name={personName(t, person)}
                >
                  <Table.Td>
                    <Anchor
                      component={Link}
                      to={`/persons/${person.id}`}
                      fw={500}
                      onClick={(event) => {
                        event.stopPropagation();
                      }}
                    >
                      {personName(t, person)}
                    </Anchor>
                  </Table.Td>
                  <Table.Td c="dimmed">
                    {membership && membership.role !== '' ? membership.role : person.jobTitle}
                  </Table.Td>
                  <Table.Td>{person.emails[0]?.value ?? ''}</Table.Td>
                  <Table.Td>{person.phones[0]?.value ?? ''}</Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      )}
      <PersonFormModal
        opened={creating}
        organizationId={organization.id}
        onClose={() => {
          setCreating(false);
        }}
        onSaved={(person) => {
          openCreated(`/persons/${person.id}`);
        }}
      />
    </Card>
  );
}
