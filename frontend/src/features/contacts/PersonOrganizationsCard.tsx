import {
  ActionIcon,
  Anchor,
  Button,
  Card,
  Checkbox,
  Group,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { useForm } from '@mantine/form';
import { IconLink, IconLinkOff, IconPencil, IconStar, IconStarFilled } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useConfirmDelete } from '../../components/useConfirmDelete';
import { Link } from 'react-router';
import type { Membership, Person } from '../../api';
import { showFormError } from '../../components/forms';
import { useNotify } from '../../components/notify';
import { LIMITS } from './contactForm';
import { useLinkOrganization, useUnlinkOrganization } from './hooks';
import { personName } from './names';
import { OrganizationSelect } from './OrganizationSelect';
import { FormActions } from '../../components/FormActions';
import { FormDialog } from '../../components/FormDialog';
import { useDirtyGuard } from '../../components/dirtyGuard';

/** The organisations of a person: role and primary star; link, change and unlink when the user may edit. */
export function PersonOrganizationsCard({ person, canEdit }: { person: Person; canEdit: boolean }) {
  const { t } = useTranslation();
  const notify = useNotify();
  const askConfirm = useConfirmDelete();
  const link = useLinkOrganization(person.id);
  const unlink = useUnlinkOrganization(person.id);
  const [dialog, setDialog] = useState<{ membership?: Membership } | null>(null);

  const makePrimary = (membership: Membership) => {
    link.mutate(
      { organizationId: membership.organizationId, role: membership.role, primary: true },
      {
        onError: (error) => {
          notify.error(error);
        },
      },
    );
  };

  const confirmUnlink = (membership: Membership) => {
    askConfirm({
      title: t('persons.organizations.unlink.title'),
      body: t('persons.organizations.unlink.body', {
        person: personName(t, person),
        organization: membership.organizationName,
      }),
      confirm: t('persons.organizations.unlink.confirm'),
      remove: () => unlink.mutateAsync(membership.organizationId),
      deleted: t('persons.organizations.unlink.success', { name: membership.organizationName }),
    });
  };

  return (
    <Card withBorder radius="md" padding="lg" data-testid="person-organizations">
      <Group justify="space-between" mb="md">
        <Title order={3} size="h4">
          {t('persons.organizations.title')}
        </Title>
        {canEdit && (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconLink size={14} />}
            onClick={() => {
              setDialog({});
            }}
          >
            {t('persons.organizations.link')}
          </Button>
        )}
      </Group>
      {person.organizations.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('persons.organizations.empty')}
        </Text>
      ) : (
        <Table verticalSpacing="xs">
          <Table.Tbody>
            {person.organizations.map((membership) => (
              <Table.Tr
                key={membership.organizationId}
                data-testid="membership"
                data-name={membership.organizationName}
              >
                <Table.Td w={36}>
                  {membership.primary ? (
                    <Tooltip label={t('persons.organizations.primary')}>
                      <IconStarFilled
                        size={18}
                        color="var(--mantine-color-yellow-6)"
                        aria-label={t('persons.organizations.primary')}
                      />
                    </Tooltip>
                  ) : canEdit ? (
                    <Tooltip label={t('persons.organizations.makePrimary')}>
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        size="sm"
                        onClick={() => {
                          makePrimary(membership);
                        }}
                        aria-label={t('persons.organizations.makePrimaryNamed', { name: membership.organizationName })}
                      >
                        <IconStar size={16} />
                      </ActionIcon>
                    </Tooltip>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Anchor component={Link} to={`/organizations/${membership.organizationId}`} fw={500}>
                    {membership.organizationName}
                  </Anchor>
                </Table.Td>
                <Table.Td c="dimmed">{membership.role}</Table.Td>
                {canEdit && (
                  <Table.Td w={80}>
                    <Group gap={4} justify="flex-end" wrap="nowrap">
                      <ActionIcon
                        variant="subtle"
                        color="gray"
                        onClick={() => {
                          setDialog({ membership });
                        }}
                        aria-label={t('persons.organizations.editNamed', { name: membership.organizationName })}
                      >
                        <IconPencil size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        onClick={() => {
                          confirmUnlink(membership);
                        }}
                        aria-label={t('persons.organizations.unlinkNamed', { name: membership.organizationName })}
                      >
                        <IconLinkOff size={16} />
                      </ActionIcon>
                    </Group>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <FormDialog
        opened={dialog !== null}
        onClose={() => {
          setDialog(null);
        }}
        title={dialog?.membership ? t('persons.organizations.editTitle') : t('persons.organizations.linkTitle')}
      >
        {dialog && (
          <MembershipForm
            key={dialog.membership?.organizationId ?? 'new'}
            person={person}
            membership={dialog.membership}
            onDone={() => {
              setDialog(null);
            }}
          />
        )}
      </FormDialog>
    </Card>
  );
}

function MembershipForm({
  person,
  membership,
  onDone,
}: {
  person: Person;
  membership?: Membership;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const notify = useNotify();
  const link = useLinkOrganization(person.id);
  const form = useForm({
    mode: 'controlled',
    initialValues: {
      organizationId: membership?.organizationId ?? '',
      role: membership?.role ?? '',
      primary: membership?.primary ?? person.organizations.length === 0,
    },
    validate: {
      organizationId: (value: string) =>
        value === '' ? t('persons.organizations.validation.organizationRequired') : null,
      role: (value: string) =>
        value.trim().length > LIMITS.role ? t('records.validation.tooLong', { max: LIMITS.role }) : null,
    },
  });
  useDirtyGuard(form.isDirty());

  const submit = form.onSubmit((values) => {
    link.mutate(
      { organizationId: values.organizationId, role: values.role.trim(), primary: values.primary },
      {
        onSuccess: (memberships) => {
          const name =
            memberships.find((item) => item.organizationId === values.organizationId)?.organizationName ?? '';
          notify.success(membership ? t('common.saved') : t('persons.organizations.linked', { name }));
          onDone();
        },
        onError: (error) => {
          showFormError(form, error, t, notify);
        },
      },
    );
  });

  return (
    <form onSubmit={submit} noValidate data-testid="membership-form">
      <Stack>
        {membership ? (
          <Text fw={500}>{membership.organizationName}</Text>
        ) : (
          <OrganizationSelect
            label={t('persons.form.organization')}
            withAsterisk
            exclude={person.organizations.map((item) => item.organizationId)}
            {...form.getInputProps('organizationId')}
            value={form.values.organizationId}
            onChange={(id) => {
              form.setFieldValue('organizationId', id);
            }}
          />
        )}
        <TextInput
          label={t('persons.form.organizationRole')}
          placeholder={t('persons.form.organizationRolePlaceholder')}
          {...form.getInputProps('role')}
        />
        <Checkbox
          label={t('persons.organizations.primary')}
          description={t('persons.organizations.primaryHint')}
          {...form.getInputProps('primary', { type: 'checkbox' })}
        />
        <FormActions
          onCancel={onDone}
          pending={link.isPending}
          submit={membership ? t('common.save') : t('persons.organizations.linkSubmit')}
        />
      </Stack>
    </form>
  );
}
