import { Text } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import type { Deal } from '../../api';
import { HiddenRecord } from '../records/HiddenRecord';

type Parties = Pick<Deal, 'organizationName' | 'organizationHidden' | 'personName' | 'personHidden'>;

/**
 * A deal's organisation and person in one dimmed line, as a board card shows them ("Müller GmbH · Erika Muster"); a
 * party the user may not see is the placeholder, named by its kind since the line has no labels.
 */
export function DealParties({ deal }: { deal: Parties }) {
  const parts: { key: string; node: ReactNode }[] = [];
  if (deal.organizationHidden) {
    parts.push({ key: 'organization', node: <HiddenRecord recordType="organization" size="xs" /> });
  } else if (deal.organizationName !== '') {
    parts.push({ key: 'organization', node: deal.organizationName });
  }
  if (deal.personHidden) {
    parts.push({ key: 'person', node: <HiddenRecord recordType="person" size="xs" /> });
  } else if (deal.personName !== '') {
    parts.push({ key: 'person', node: deal.personName });
  }
  return (
    <Text size="xs" c="dimmed" truncate data-testid="deal-parties">
      {parts.map((part, index) => (
        <Fragment key={part.key}>
          {index > 0 && ' · '}
          {part.node}
        </Fragment>
      ))}
    </Text>
  );
}
