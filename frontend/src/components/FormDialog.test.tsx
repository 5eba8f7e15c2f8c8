import { Button, Select, TextInput } from '@mantine/core';
import { DateInput } from '@mantine/dates';
import { useForm } from '@mantine/form';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { keepEnterInPickers } from '../lib/enterGuard';
import { renderWithProviders } from '../test/render';
import { FormDialog } from './FormDialog';
import { useDirtyGuard } from './dirtyGuard';

function ContactForm({ onSubmit }: { onSubmit: (values: { name: string; city: string | null }) => void }) {
  const form = useForm({ mode: 'controlled', initialValues: { name: '', city: null as string | null, since: null } });
  useDirtyGuard(form.isDirty());
  return (
    <form onSubmit={form.onSubmit(onSubmit)}>
      <TextInput label="Name" {...form.getInputProps('name')} />
      <Select label="Ort" data={['Hamburg', 'Bremen']} {...form.getInputProps('city')} />
      <DateInput label="Kunde seit" valueFormat="DD.MM.YYYY" {...form.getInputProps('since')} />
      <Button type="submit">Speichern</Button>
    </form>
  );
}

function Dialog({ onSubmit }: { onSubmit: (values: { name: string; city: string | null }) => void }) {
  const [opened, setOpened] = useState(true);
  return (
    <FormDialog
      opened={opened}
      onClose={() => {
        setOpened(false);
      }}
      title="Kontakt bearbeiten"
    >
      <ContactForm onSubmit={onSubmit} />
    </FormDialog>
  );
}

let release: () => void;
beforeAll(() => {
  release = keepEnterInPickers(document);
});
afterAll(() => {
  release();
});

describe('Enter in a form', () => {
  it('never submits from a select or a date field, yet still picks the highlighted option', async () => {
    const user = userEvent.setup();
    const submit = vi.fn();
    renderWithProviders(<Dialog onSubmit={submit} />);

    await user.click(await screen.findByRole('combobox', { name: 'Ort' }));
    await user.keyboard('{ArrowDown}{Enter}');
    expect(screen.getByRole('combobox', { name: 'Ort' })).toHaveValue('Hamburg');
    await user.keyboard('{Enter}'); // the list is closed now: before, this saved the form
    await user.type(screen.getByLabelText('Kunde seit'), '31.01.2027{Enter}');
    expect(submit).not.toHaveBeenCalled();

    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Erika{Enter}');
    expect(submit).toHaveBeenCalledTimes(1);
    expect(submit.mock.calls[0]?.[0]).toMatchObject({ name: 'Erika', city: 'Hamburg' });
  });
});

describe('closing a form dialog', () => {
  it('closes at once while nothing was changed', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Dialog onSubmit={vi.fn()} />);
    await screen.findByRole('dialog', { name: 'Kontakt bearbeiten' });

    await user.keyboard('{Escape}');
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Kontakt bearbeiten' })).not.toBeInTheDocument();
    });
  });

  it('asks before unsaved changes are lost: Weiter bearbeiten keeps them, Verwerfen closes', async () => {
    const user = userEvent.setup();
    renderWithProviders(<Dialog onSubmit={vi.fn()} />);
    await user.type(await screen.findByRole('textbox', { name: 'Name' }), 'Erika');

    await user.click(screen.getByRole('button', { name: 'Schließen' }));
    const ask = await screen.findByRole('dialog', { name: 'Änderungen verwerfen?' });
    await user.click(await screen.findByRole('button', { name: 'Weiter bearbeiten' }));
    await waitFor(() => {
      expect(ask).not.toBeInTheDocument();
    });
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('Erika');

    await user.keyboard('{Escape}');
    await user.click(await screen.findByRole('button', { name: 'Verwerfen' }));
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Kontakt bearbeiten' })).not.toBeInTheDocument();
    });
  });
});
