import { Badge, Group, List, Text } from '@mantine/core';
import { IconSettings } from '@tabler/icons-react';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ACTIONS, RECORD_TYPES, SCOPES, type Role } from '../../api';
import { useFormatters } from '../../i18n/format';
import { matrixFromGrants } from './grants';

/** Widest first, without "none". */
const GRANTING_SCOPES = SCOPES.filter((scope) => scope !== 'none').reverse();

/** A role's permissions in plain words, read-only: per record type, the actions grouped by how far they reach. */
export function AccessSummary({ role }: { role: Role }) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const list = useMemo(() => new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }), [locale]);
  const matrix = matrixFromGrants(role.grants);
  const rows = RECORD_TYPES.map((recordType) => ({
    recordType,
    groups: GRANTING_SCOPES.map((scope) => ({
      scope,
      actions: ACTIONS.filter((action) => matrix[recordType][action] === scope),
    })).filter((group) => group.actions.length > 0),
  }));
  const grantsAnything = rows.some((row) => row.groups.length > 0);

  return (
    <List spacing="sm" listStyleType="none" data-testid="access-summary">
      {role.isAdmin && (
        <List.Item>
          <Group gap="xs">
            <IconSettings size={18} />
            <Text fw={500}>{t('start.permissions.admin')}</Text>
          </Group>
        </List.Item>
      )}
      {!grantsAnything && !role.isAdmin && (
        <List.Item>
          <Text c="dimmed">{t('start.permissions.nothing')}</Text>
        </List.Item>
      )}
      {rows.map(({ recordType, groups }) => (
        <List.Item key={recordType}>
          <Group gap="xs" align="baseline">
            <Text fw={600} w={140}>
              {t(`access.recordTypes.${recordType}`)}
            </Text>
            {groups.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('start.permissions.noAccess')}
              </Text>
            ) : (
              groups.map(({ scope, actions }) => (
                <Badge key={scope} variant="light" color="indigo" tt="none" size="lg" fw={500}>
                  {t('access.grant', {
                    action: list.format(actions.map((action) => t(`access.actions.${action}`))),
                    scope: t(`access.scopesInline.${scope}`),
                  })}
                </Badge>
              ))
            )}
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
