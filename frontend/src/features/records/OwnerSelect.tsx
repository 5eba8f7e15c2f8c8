import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatters } from '../../i18n/format';
import { useUsers } from '../settings/queries';

/** A select of the tenant's active users (and the current value, should that user be deactivated). */
export function OwnerSelect(props: Omit<SelectProps, 'data'>) {
  const { t } = useTranslation();
  const { locale } = useFormatters();
  const users = useUsers();
  const { value } = props;
  const data = useMemo(() => {
    const collator = new Intl.Collator(locale);
    return (users.data ?? [])
      .filter((user) => user.active || user.id === value)
      .sort((a, b) => collator.compare(a.name, b.name))
      .map((user) => ({ value: user.id, label: user.name }));
  }, [users.data, locale, value]);
  return (
    <Select
      searchable
      allowDeselect={false}
      data={data}
      disabled={users.isPending}
      nothingFoundMessage={t('records.owner.nothingFound')}
      {...props}
    />
  );
}
