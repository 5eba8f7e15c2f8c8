import { Autocomplete, MultiSelect, Select, TagsInput } from '@mantine/core';
import { screen } from '@testing-library/react';
import type { ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from './test/render';

const many = Array.from({ length: 60 }, (_, index) => `Person ${index + 1}`);

// axe's scrollable-region-focusable: a scrolling element must be focusable or hold something focusable, unless it is the
// popup (listbox) of a combobox, whose options the input reaches. A scroll area inside the listbox failed the rule.
describe('the options list of every combobox input', () => {
  const inputs: [string, ReactElement][] = [
    ['Select', <Select key="s" label="Person" data={many} dropdownOpened />],
    ['MultiSelect', <MultiSelect key="m" label="Person" data={many} dropdownOpened />],
    ['Autocomplete', <Autocomplete key="a" label="Person" data={many} dropdownOpened />],
    ['TagsInput', <TagsInput key="t" label="Person" data={many} dropdownOpened />],
  ];
  it.each(inputs)('%s: the listbox itself scrolls, with no scroll area inside', async (_, input) => {
    renderWithProviders(input);
    const listbox = await screen.findByRole('listbox', { hidden: true });
    expect(listbox.querySelector('.mantine-ScrollArea-viewport')).toBeNull();
    expect(listbox.style.overflowY).toBe('auto');
    expect(listbox.style.maxHeight).not.toBe('');
    expect(listbox.querySelectorAll('[role="option"]')).toHaveLength(many.length);
  });
});
