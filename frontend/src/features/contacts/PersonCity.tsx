import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Person } from '../../api';
import { hasAddress } from '../maps/place';

/**
 * The city column of the person list: the person's own city, else (no address of its own) its organisation's with
 * "über <Organisation>", as the server sorts and filters the column (the same rule: api.Person.via).
 */
export function PersonCity({ person }: { person: Person }) {
  const { t } = useTranslation();
  if (hasAddress(person.address) || !person.via) return <>{person.address.city}</>;
  return (
    <span data-testid="person-city-via">
      {person.via.address.city}
      <Text component="span" size="xs" c="dimmed" display="block">
        {t('maps.columns.cityVia', { name: person.via.organizationName })}
      </Text>
    </span>
  );
}
