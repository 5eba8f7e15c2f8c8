import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBuilding, IconSearch, IconUser } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSearch } from '../contacts/hooks';
import { mainMembership, personName } from '../contacts/names';

/** Shortest text the search box asks the server about. */
export const MIN_SEARCH_LENGTH = 2;

/**
 * The search box in the header: persons and organisations as one types (the server matches "Mueller" to "Müller"),
 * grouped; Enter or a click opens the record.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const search = useSearch(debounced);
  const combobox = useCombobox();
  const active = debounced.length >= MIN_SEARCH_LENGTH;
  const persons = search.data?.persons ?? [];
  const organizations = search.data?.organizations ?? [];

  // Enter opens the best hit without arrowing down first.
  useEffect(() => {
    if (search.data) {
      combobox.selectFirstOption();
    }
  }, [search.data, combobox]);

  const open = (value: string) => {
    const [type, id] = value.split(':');
    if (!id) return;
    void navigate(type === 'organization' ? `/organizations/${id}` : `/persons/${id}`);
    setText('');
    combobox.closeDropdown();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={open} withinPortal position="bottom-start" width={420}>
      <Combobox.Target>
        <TextInput
          aria-label={t('search.label')}
          placeholder={t('search.placeholder')}
          leftSection={<IconSearch size={16} />}
          rightSection={search.isFetching ? <Loader size="xs" /> : undefined}
          value={text}
          onChange={(event) => {
            setText(event.currentTarget.value);
            combobox.openDropdown();
          }}
          onFocus={() => {
            combobox.openDropdown();
          }}
          onBlur={() => {
            combobox.closeDropdown();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              setText('');
              combobox.closeDropdown();
            }
          }}
          w={{ base: 200, md: 340 }}
          data-testid="global-search"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!active} data-testid="global-search-results">
        <Combobox.Options mah={420} style={{ overflowY: 'auto' }}>
          {search.isError && <Combobox.Empty>{t('search.failed')}</Combobox.Empty>}
          {search.data && persons.length === 0 && organizations.length === 0 && (
            <Combobox.Empty>{t('search.empty', { text: debounced })}</Combobox.Empty>
          )}
          {!search.data && !search.isError && <Combobox.Empty>{t('search.searching')}</Combobox.Empty>}
          {persons.length > 0 && (
            <Combobox.Group label={t('search.persons')}>
              {persons.map((person) => {
                const detail = mainMembership(person.organizations)?.organizationName ?? person.emails[0]?.value ?? '';
                return (
                  <Combobox.Option key={person.id} value={`person:${person.id}`} data-testid="search-hit-person">
                    <Group gap="xs" wrap="nowrap">
                      <IconUser size={16} />
                      <div>
                        <Text size="sm">{personName(t, person)}</Text>
                        {detail && (
                          <Text size="xs" c="dimmed">
                            {detail}
                          </Text>
                        )}
                      </div>
                    </Group>
                  </Combobox.Option>
                );
              })}
            </Combobox.Group>
          )}
          {organizations.length > 0 && (
            <Combobox.Group label={t('search.organizations')}>
              {organizations.map((organization) => (
                <Combobox.Option
                  key={organization.id}
                  value={`organization:${organization.id}`}
                  data-testid="search-hit-organization"
                >
                  <Group gap="xs" wrap="nowrap">
                    <IconBuilding size={16} />
                    <div>
                      <Text size="sm">{organization.name}</Text>
                      {organization.address.city && (
                        <Text size="xs" c="dimmed">
                          {organization.address.city}
                        </Text>
                      )}
                    </div>
                  </Group>
                </Combobox.Option>
              ))}
            </Combobox.Group>
          )}
        </Combobox.Options>
      </Combobox.Dropdown>
    </Combobox>
  );
}
