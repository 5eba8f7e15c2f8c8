import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import { countryOptions } from './countries';

/** A searchable select of countries by name; the value is the ISO code ("DE"). */
export function CountrySelect(props: Omit<SelectProps, 'data'>) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const data = useMemo(
    () =>
      countryOptions(locale).map(({ group, items }) => ({
        group: group === 'frequent' ? t('countries.frequent') : t('countries.all'),
        items,
      })),
    [locale, t],
  );
  return <Select searchable data={data} nothingFoundMessage={t('countries.nothingFound')} {...props} />;
}
