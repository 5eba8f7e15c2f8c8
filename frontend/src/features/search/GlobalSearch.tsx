import { Combobox, Group, Loader, Text, TextInput, useCombobox } from '@mantine/core';
import { useDebouncedValue, useId } from '@mantine/hooks';
import { IconBuilding, IconSearch, IconUser } from '@tabler/icons-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useSearch } from '../contacts/hooks';
import { mainMembership, personName } from '../contacts/names';

/** Shortest text the search box asks the server about. */
export const MIN_SEARCH_LENGTH = 2;

/**
 * The search box in the header: persons and organisations as one types (the server matches "Mueller" to "Müller"),
 * grouped; Enter or a click opens the record. A combobox to assistive technology (WAI-ARIA 1.2 pattern): role
 * combobox, aria-expanded, aria-controls naming the list of hits and aria-activedescendant the hit that Enter opens.
 */
export function GlobalSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [text, setText] = useState('');
  const [debounced] = useDebouncedValue(text.trim(), 250);
  const search = useSearch(debounced);
  const combobox = useCombobox();
  const active = debounced.length >= MIN_SEARCH_LENGTH;
  const listId = useId();
  const persons = search.data?.persons ?? [];
  const organizations = search.data?.organizations ?? [];
  const hits = persons.length + organizations.length > 0;
  const expanded = combobox.dropdownOpened && active && hits;
  const input = useRef<HTMLInputElement>(null);
  // The hit that Enter opens (the first one, then where the arrow keys move it), for assistive technology.
  const showSelected = useCallback((optionId: string | null) => {
    const field = input.current;
    if (!field) return;
    // Only while the list is open and the hit is in it (a hit of an earlier search is gone).
    const shown =
      optionId !== null && field.getAttribute('aria-expanded') === 'true' && document.getElementById(optionId);
    if (shown) field.setAttribute('aria-activedescendant', optionId);
    else field.removeAttribute('aria-activedescendant');
  }, []);

  // Enter opens the best hit without arrowing down first.
  useEffect(() => {
    if (search.data) {
      showSelected(combobox.selectFirstOption());
    }
  }, [search.data, combobox, showSelected]);
  useEffect(() => {
    if (!expanded) showSelected(null);
  }, [expanded, showSelected]);

  const open = (value: string) => {
    const [type, id] = value.split(':');
    if (!id) return;
    void navigate(type === 'organization' ? `/organizations/${id}` : `/persons/${id}`);
    setText('');
    combobox.closeDropdown();
  };

  return (
    <Combobox store={combobox} onOptionSubmit={open} withinPortal position="bottom-start" width={420}>
      {/* The ARIA attributes and the keys are the component's own (Mantine's target sets no active option for the
          first hit it selects). */}
      <Combobox.Target withAriaAttributes={false} withKeyboardNavigation={false}>
        <TextInput
          role="combobox"
          aria-label={t('search.label')}
          aria-autocomplete="list"
          aria-haspopup="listbox"
          aria-expanded={expanded}
          aria-controls={expanded ? listId : undefined}
          ref={input}
          autoComplete="off"
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
            if (event.nativeEvent.isComposing) return;
            if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
              event.preventDefault();
              combobox.openDropdown();
              showSelected(event.key === 'ArrowDown' ? combobox.selectNextOption() : combobox.selectPreviousOption());
            } else if (event.key === 'Enter' && expanded && combobox.getSelectedOptionIndex() !== -1) {
              event.preventDefault();
              combobox.clickSelectedOption();
            } else if (event.key === 'Escape') {
              setText('');
              combobox.closeDropdown();
            }
          }}
          w={{ base: 200, md: 340 }}
          data-testid="global-search"
        />
      </Combobox.Target>
      <Combobox.Dropdown hidden={!active} data-testid="global-search-results">
        {/* The messages stand beside the list of hits: a listbox holds options only. */}
        {search.isError && <Combobox.Empty>{t('search.failed')}</Combobox.Empty>}
        {search.data && !hits && <Combobox.Empty>{t('search.empty', { text: debounced })}</Combobox.Empty>}
        {!search.data && !search.isError && <Combobox.Empty>{t('search.searching')}</Combobox.Empty>}
        <Combobox.Options
          id={listId}
          aria-label={t('search.results')}
          mah={420}
          style={{ overflowY: 'auto' }}
          hidden={!hits}
        >
          {persons.length > 0 && (
            <Combobox.Group label={t('search.persons')}>
              {persons.map((person) => {
                const detail = mainMembership(person.organizations)?.organizationName ?? person.emails[0]?.value ?? '';
                return (
                  <Combobox.Option key={person.id} value={`person:${person.id}`} data-testid="search-hit-person">
                    <Group gap="xs" wrap="nowrap">
                      <IconUser size={16} aria-hidden />
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
                    <IconBuilding size={16} aria-hidden />
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
