import { Button, CloseButton, Group, NumberInput, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MapRecordType } from '../../api';
import { errorText } from '../../i18n/errorText';
import { useFormatters } from '../../i18n/format';
import { useOrganization, usePerson } from '../contacts/hooks';
import { OrganizationSelect } from '../contacts/OrganizationSelect';
import { useDeal, useLead } from '../sales/hooks';
import { useGeocode } from './hooks';
import { nearErrorTexts } from './nearErrors';
import { DEFAULT_RADIUS_KM, isValidRadius, MAX_ADDRESS_LENGTH, MAX_RADIUS_KM, type NearState } from './near';
import { precisionText } from './place';

type Mode = 'record' | 'address';

/** The name of a reference record that came without one (a saved filter names the record by its ID only). */
function RecordName({ recordType, id }: { recordType: MapRecordType; id: string }) {
  switch (recordType) {
    case 'organization':
      return <OrganizationName id={id} />;
    case 'person':
      return <PersonName id={id} />;
    case 'deal':
      return <DealName id={id} />;
    case 'lead':
      return <LeadName id={id} />;
  }
}

function OrganizationName({ id }: { id: string }) {
  const { t } = useTranslation();
  return <>{useOrganization(id).data?.name ?? t('maps.near.unknownRecord')}</>;
}

function PersonName({ id }: { id: string }) {
  const { t } = useTranslation();
  return <>{usePerson(id).data?.name ?? t('maps.near.unknownRecord')}</>;
}

function DealName({ id }: { id: string }) {
  const { t } = useTranslation();
  return <>{useDeal(id).data?.title ?? t('maps.near.unknownRecord')}</>;
}

function LeadName({ id }: { id: string }) {
  const { t } = useTranslation();
  return <>{useLead(id).data?.title ?? t('maps.near.unknownRecord')}</>;
}

function ReferenceLabel({ near }: { near: NearState }) {
  if (near.label !== '') return <>{near.label}</>;
  switch (near.kind) {
    case 'record':
      return <RecordName recordType={near.recordType} id={near.recordId} />;
    case 'address':
      return <>{near.address}</>;
    case 'point':
      return <>{`${near.lat.toFixed(4)}, ${near.lng.toFixed(4)}`}</>;
  }
}

/**
 * The list filter "Umkreis": records within a radius of an organisation (picked by name) or of a typed address
 * (looked up through the server's geocoder first). value is the complete condition or null; error is the list's
 * rejection, whose near.* field errors are shown here.
 */
export function NearFilter({
  value,
  onChange,
  error,
}: {
  value: NearState | null;
  onChange: (near: NearState | null) => void;
  error?: unknown;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const geocode = useGeocode();
  const [mode, setMode] = useState<Mode>(value?.kind === 'address' ? 'address' : 'record');
  const [radius, setRadius] = useState<number | string>(value?.radiusKm ?? DEFAULT_RADIUS_KM);
  const [address, setAddress] = useState(value?.kind === 'address' ? value.address : '');
  const [addressError, setAddressError] = useState<string | null>(null);
  const [found, setFound] = useState<string | null>(null);
  // A condition set from elsewhere (a saved filter, "In der Nähe", reset) replaces what the inputs show.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    if (value !== null) {
      setRadius(value.radiusKm);
      if (value.kind === 'address') {
        setMode('address');
        setAddress(value.address);
      }
    }
  }

  const radiusKm = typeof radius === 'number' && isValidRadius(radius) ? radius : null;
  const serverErrors = nearErrorTexts(t, error);

  const lookUp = () => {
    const text = address.trim();
    setFound(null);
    if (text === '') {
      setAddressError(t('maps.near.addressRequired'));
      return;
    }
    if (text.length > MAX_ADDRESS_LENGTH) {
      setAddressError(t('maps.near.addressTooLong'));
      return;
    }
    setAddressError(null);
    geocode.mutate(text, {
      onSuccess: (result) => {
        if (result.position.precision === 'not_found') {
          setAddressError(t('maps.near.addressNotFound'));
          return;
        }
        const label = result.label.trim() === '' ? text : result.label;
        setFound(t('maps.near.found', { label, precision: precisionText(t, result.position.precision) }));
        onChange({ kind: 'address', address: text, label, radiusKm: radiusKm ?? DEFAULT_RADIUS_KM });
      },
      onError: (reason) => {
        setAddressError(errorText(t, reason));
      },
    });
  };

  return (
    <Stack gap="xs" data-testid="near-filter">
      <Group justify="space-between" gap="sm">
        <Text size="sm" fw={600}>
          {t('maps.near.title')}
        </Text>
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(next) => {
            setMode(next === 'address' ? 'address' : 'record');
          }}
          data={[
            { value: 'record', label: t('maps.near.modeRecord') },
            { value: 'address', label: t('maps.near.modeAddress') },
          ]}
          data-testid="near-mode"
        />
      </Group>
      <Group align="flex-start" gap="sm" wrap="wrap">
        {mode === 'record' ? (
          <OrganizationSelect
            label={t('maps.near.organization')}
            value={value?.kind === 'record' && value.recordType === 'organization' ? value.recordId : ''}
            onChange={(id) => {
              onChange(
                id === ''
                  ? null
                  : {
                      kind: 'record',
                      recordType: 'organization',
                      recordId: id,
                      label: '',
                      radiusKm: radiusKm ?? DEFAULT_RADIUS_KM,
                    },
              );
            }}
            style={{ flex: 1, minWidth: 240 }}
          />
        ) : (
          <Group align="flex-end" gap="xs" wrap="nowrap" style={{ flex: 1, minWidth: 300 }}>
            <TextInput
              label={t('maps.near.address')}
              placeholder={t('maps.near.addressPlaceholder')}
              value={address}
              onChange={(event) => {
                setAddress(event.currentTarget.value);
                setAddressError(null);
              }}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  lookUp();
                }
              }}
              error={addressError}
              maxLength={MAX_ADDRESS_LENGTH + 50}
              style={{ flex: 1 }}
            />
            <Button
              variant="default"
              leftSection={<IconSearch size={14} />}
              onClick={lookUp}
              loading={geocode.isPending}
              mb={addressError ? 22 : 0}
            >
              {t('maps.near.search')}
            </Button>
          </Group>
        )}
        <NumberInput
          label={t('maps.near.radius')}
          value={radius}
          onChange={(next) => {
            setRadius(next);
            if (value !== null && typeof next === 'number' && isValidRadius(next)) {
              onChange({ ...value, radiusKm: next });
            }
          }}
          min={1}
          max={MAX_RADIUS_KM}
          step={5}
          allowNegative={false}
          decimalScale={1}
          error={radiusKm === null ? t('maps.near.radiusRange') : undefined}
          w={150}
        />
      </Group>
      {found && mode === 'address' && (
        <Text size="xs" c="dimmed">
          {found}
        </Text>
      )}
      {value !== null && (
        <Group gap="xs" wrap="nowrap" data-testid="near-active">
          <Text size="sm">
            {t('maps.near.active', { radius: format.number(value.radiusKm) })} <ReferenceLabel near={value} />
          </Text>
          <CloseButton
            size="sm"
            aria-label={t('maps.near.clear')}
            onClick={() => {
              onChange(null);
            }}
          />
        </Group>
      )}
      {serverErrors.map((text) => (
        <Text key={text} size="sm" c="red" data-testid="near-error">
          {text}
        </Text>
      ))}
    </Stack>
  );
}
