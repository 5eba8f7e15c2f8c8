import { SimpleGrid, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useTranslation } from 'react-i18next';
import { CountrySelect } from '../records/CountrySelect';
import type { AddressValues } from './contactForm';

/** Street, postal code, city and country of form.values.address. */
export function AddressFields<Values extends { address: AddressValues }>({
  form,
}: {
  form: UseFormReturnType<Values>;
}) {
  const { t } = useTranslation();
  const country = form.getInputProps('address.country');
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
      <TextInput
        label={t('address.street')}
        {...form.getInputProps('address.street')}
        style={{ gridColumn: '1 / -1' }}
      />
      <TextInput label={t('address.postalCode')} {...form.getInputProps('address.postalCode')} />
      <TextInput label={t('address.city')} {...form.getInputProps('address.city')} />
      <CountrySelect
        label={t('address.country')}
        clearable
        {...country}
        value={form.getValues().address.country === '' ? null : form.getValues().address.country}
        onChange={(value) => {
          // The generic Values cannot tell TypeScript that address.country is a string.
          form.setFieldValue('address.country', (value ?? '') as never);
        }}
      />
    </SimpleGrid>
  );
}
