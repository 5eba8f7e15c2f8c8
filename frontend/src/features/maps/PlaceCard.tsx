import { Button, Card, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { IconMapPin, IconRadar } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { Address, Deal, MapRecordType, PlacedVia, Position } from '../../api';
import { useOrganization, usePerson } from '../contacts/hooks';
import { personName } from '../contacts/names';
import { HiddenRecord } from '../records/HiddenRecord';
import { usePollWhilePending } from './hooks';
import { DEFAULT_RADIUS_KM } from './near';
import { nearbyPath, type NearbyReference } from './nearby';
import { hasAddress, placeOf, precisionText, sourceText, type Place } from './place';
import { PositionMap } from './PositionMap';

function NearbyButton({ reference }: { reference: NearbyReference }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button
      variant="light"
      size="xs"
      leftSection={<IconRadar size={14} />}
      title={t('maps.card.nearbyHint', { radius: DEFAULT_RADIUS_KM })}
      onClick={() => void navigate(nearbyPath(reference))}
      data-testid="nearby-button"
    >
      {t('maps.card.nearby')}
    </Button>
  );
}

function PlaceBody({ place, name }: { place: Place; name: string }) {
  const { t } = useTranslation();
  switch (place.kind) {
    case 'none':
      return (
        <Text size="sm" c="dimmed">
          {t('maps.card.noAddress')}
        </Text>
      );
    case 'pending':
      return (
        <Group gap="xs" data-testid="place-pending">
          <Loader size="xs" />
          <Text size="sm" c="dimmed">
            {t('maps.card.pending')}
          </Text>
        </Group>
      );
    case 'not_found':
      return (
        <Stack gap={4}>
          <Text size="sm" fw={500} data-testid="place-precision">
            {t('maps.card.notFound')}
          </Text>
          <Text size="xs" c="dimmed">
            {t('maps.card.notFoundHint')} {t('maps.card.source')}: {sourceText(t, place.position.source)}
          </Text>
        </Stack>
      );
    case 'placed':
      return (
        <Stack gap="xs">
          <PositionMap position={place.position} name={name} />
          <Text size="xs" c="dimmed" data-testid="place-precision" data-precision={place.position.precision}>
            {t('maps.card.precision')}: {precisionText(t, place.position.precision)} · {t('maps.card.source')}:{' '}
            {sourceText(t, place.position.source)}
          </Text>
        </Stack>
      );
  }
}

function PlaceCardFrame({
  place,
  name,
  caption,
  nearby,
  testId = 'place-card',
}: {
  place: Place;
  name: string;
  caption?: ReactNode;
  nearby: NearbyReference;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="lg" data-testid={testId} data-place={place.kind}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Group gap={6} wrap="nowrap">
          <IconMapPin size={18} />
          <Title order={3} size="h4">
            {t('maps.card.title')}
          </Title>
        </Group>
        {place.kind === 'placed' && <NearbyButton reference={nearby} />}
      </Group>
      {caption && (
        <Text size="sm" mb="xs">
          {caption}
        </Text>
      )}
      <PlaceBody place={place} name={name} />
    </Card>
  );
}

/**
 * The map card of a person, organisation or lead: its marker and how exactly the address was placed, "Adresse wird
 * gesucht…" while the server looks it up (the page asks again every few seconds), or "nicht gefunden".
 */
export function PlaceCard({
  recordType,
  recordId,
  name,
  address,
  position,
  via,
}: {
  recordType: MapRecordType;
  recordId: string;
  name: string;
  address: Address;
  position?: Position | null;
  /** A person without an address of its own sits at its organisation (api.Person.via): the card shows that place. */
  via?: PlacedVia | null;
}) {
  const { t } = useTranslation();
  const atVia = via && !hasAddress(address) ? via : undefined;
  const place = atVia ? placeOf(atVia.address, atVia.position) : placeOf(address, position);
  usePollWhilePending(recordType, recordId, place.kind === 'pending');
  if (atVia) {
    return (
      <PlaceCardFrame
        place={place}
        name={atVia.organizationName}
        caption={t('maps.card.viaOrganization', { name: atVia.organizationName })}
        nearby={{ recordType: 'organization', recordId: atVia.organizationId, label: atVia.organizationName }}
      />
    );
  }
  return <PlaceCardFrame place={place} name={name} nearby={{ recordType, recordId, label: name }} />;
}

function OrganizationPlace({ id, deal }: { id: string; deal: Deal }) {
  const { t } = useTranslation();
  const organization = useOrganization(id);
  const place = placeOf(organization.data?.address, organization.data?.position);
  usePollWhilePending('organization', id, organization.data !== undefined && place.kind === 'pending');
  if (!organization.data) return null;
  return (
    <PlaceCardFrame
      place={place}
      name={organization.data.name}
      caption={t('maps.card.ofOrganization', { name: organization.data.name })}
      nearby={{ recordType: 'deal', recordId: deal.id, label: deal.title }}
    />
  );
}

function PersonPlace({ id, deal }: { id: string; deal: Deal }) {
  const { t } = useTranslation();
  const person = usePerson(id);
  const place = placeOf(person.data?.address, person.data?.position);
  usePollWhilePending('person', id, person.data !== undefined && place.kind === 'pending');
  if (!person.data) return null;
  const name = personName(t, person.data);
  return (
    <PlaceCardFrame
      place={place}
      name={name}
      caption={t('maps.card.ofPerson', { name })}
      nearby={{ recordType: 'deal', recordId: deal.id, label: deal.title }}
    />
  );
}

/**
 * A deal's map card: it lies where its organisation lies, else where its person lies. When that record is one the
 * user may not see, so is its place: the card says so instead of falling back to the other party.
 */
export function DealPlaceCard({ deal }: { deal: Deal }) {
  const { t } = useTranslation();
  if (deal.organizationId) return <OrganizationPlace id={deal.organizationId} deal={deal} />;
  if (deal.organizationHidden || deal.personHidden) {
    return (
      <Card withBorder radius="md" padding="lg" data-testid="place-card" data-place="hidden">
        <Title order={3} size="h4" mb="sm">
          {t('maps.card.title')}
        </Title>
        <Stack gap={4}>
          <HiddenRecord recordType={deal.organizationHidden ? 'organization' : 'person'} />
          <Text size="sm" c="dimmed">
            {t('maps.card.dealHiddenPlace')}
          </Text>
        </Stack>
      </Card>
    );
  }
  if (deal.personId) return <PersonPlace id={deal.personId} deal={deal} />;
  return (
    <Card withBorder radius="md" padding="lg" data-testid="place-card" data-place="none">
      <Title order={3} size="h4" mb="sm">
        {t('maps.card.title')}
      </Title>
      <Text size="sm" c="dimmed">
        {t('maps.card.dealNoPlace')}
      </Text>
    </Card>
  );
}
