import { CloseButton, Modal } from '@mantine/core';
import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';

describe('AppMantineProvider', () => {
  it('names every close button "Schließen" unless it has a name of its own', async () => {
    renderWithProviders(
      <>
        <Modal opened onClose={() => undefined} title="Ein Dialog">
          Inhalt
        </Modal>
        <CloseButton aria-label="Filter entfernen" />
      </>,
    );
    const dialog = await screen.findByRole('dialog', { name: 'Ein Dialog' });
    expect(dialog.querySelector('button')).toHaveAccessibleName('Schließen');
    expect(screen.getByRole('button', { name: 'Filter entfernen' })).toBeInTheDocument();
  });
});
