import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { RemoteSelect, type RemoteOption } from './RemoteSelect';

interface Item {
  id: string;
  name: string;
}

const items: Item[] = [
  { id: 'o-1', name: 'Müller GmbH' },
  { id: 'o-2', name: 'Muster AG' },
];

function Harness({
  fetchOptions,
  initial = '',
  selectedLabel,
  onChange,
  exclude,
}: {
  fetchOptions: (text: string) => Promise<readonly Item[]>;
  initial?: string;
  selectedLabel?: string;
  onChange?: (id: string) => void;
  exclude?: readonly string[];
}) {
  const [value, setValue] = useState(initial);
  return (
    <RemoteSelect
      label="Firma"
      queryKey={['test']}
      fetchOptions={fetchOptions}
      toOption={(item: Item): RemoteOption => ({ value: item.id, label: item.name })}
      value={value}
      onChange={(id) => {
        setValue(id);
        onChange?.(id);
      }}
      selectedLabel={selectedLabel}
      exclude={exclude}
      nothingFound="Nichts gefunden"
    />
  );
}

describe('RemoteSelect', () => {
  it('asks the backend only once the dropdown opens, with the typed text, and offers what it answers', async () => {
    // The backend finds "Müller" for "muel" (umlaut spellings); a filter in the select would hide it.
    const fetchOptions = vi.fn((text: string) => Promise.resolve(text === 'muel' ? items.slice(0, 1) : items));
    const onChange = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(<Harness fetchOptions={fetchOptions} onChange={onChange} />);

    expect(fetchOptions).not.toHaveBeenCalled();
    await user.click(screen.getByRole('combobox', { name: 'Firma' }));
    await waitFor(() => {
      expect(fetchOptions).toHaveBeenCalledWith('');
    });
    await user.type(screen.getByRole('combobox', { name: 'Firma' }), 'muel');
    await waitFor(() => {
      expect(fetchOptions).toHaveBeenLastCalledWith('muel');
    });
    await user.click(await screen.findByRole('option', { name: 'Müller GmbH', hidden: true }));
    expect(onChange).toHaveBeenCalledWith('o-1');
    expect(screen.getByRole('combobox', { name: 'Firma' })).toHaveValue('Müller GmbH');
  });

  it('labels a selected record that the search does not return and leaves out excluded ones', async () => {
    const fetchOptions = vi.fn(() => Promise.resolve(items));
    const user = userEvent.setup();
    renderWithProviders(
      <Harness fetchOptions={fetchOptions} initial="o-9" selectedLabel="Alte Firma KG" exclude={['o-2']} />,
    );

    expect(screen.getByRole('combobox', { name: 'Firma' })).toHaveValue('Alte Firma KG');
    await user.click(screen.getByRole('combobox', { name: 'Firma' }));
    expect(await screen.findByRole('option', { name: 'Müller GmbH', hidden: true })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Alte Firma KG', hidden: true })).toBeInTheDocument();
    expect(screen.queryByRole('option', { name: 'Muster AG', hidden: true })).not.toBeInTheDocument();
  });

  it('says so when the search found nothing', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Harness fetchOptions={() => Promise.resolve([])} />);

    await user.click(screen.getByRole('combobox', { name: 'Firma' }));
    expect(await screen.findByText('Nichts gefunden')).toBeInTheDocument();
  });
});
