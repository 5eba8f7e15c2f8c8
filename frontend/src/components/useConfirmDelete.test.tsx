import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors';
import { renderWithProviders } from '../test/render';
import { useConfirmDelete, type InUseAnswer } from './useConfirmDelete';

const inUseError = new ApiError({ status: 409, code: 'resource.conflict', fields: { id: 'in_use' } });

function Harness({ remove, inUse }: { remove: () => Promise<unknown>; inUse?: InUseAnswer }) {
  const askDelete = useConfirmDelete();
  return (
    <button
      type="button"
      onClick={() => {
        askDelete({
          title: 'Typ löschen?',
          body: 'Der Typ „Anruf“ wird gelöscht.',
          remove,
          deleted: 'Gelöscht',
          inUse,
        });
      }}
    >
      Typ entfernen
    </button>
  );
}

async function confirmDelete(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Typ entfernen' }));
  expect(await screen.findByText('Der Typ „Anruf“ wird gelöscht.')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Löschen' }));
}

describe('useConfirmDelete', () => {
  it('deletes only after the confirmation and says so', async () => {
    const remove = vi.fn(() => Promise.resolve());
    const user = userEvent.setup();
    renderWithProviders(<Harness remove={remove} />);

    await user.click(screen.getByRole('button', { name: 'Typ entfernen' }));
    expect(remove).not.toHaveBeenCalled();
    await user.click(await screen.findByRole('button', { name: 'Löschen' }));

    expect(remove).toHaveBeenCalledTimes(1);
    expect(await screen.findByText('Gelöscht')).toBeInTheDocument();
  });

  it('offers to archive a record still in use, and archives when the user agrees', async () => {
    const archive = vi.fn();
    const user = userEvent.setup();
    renderWithProviders(
      <Harness
        remove={() => Promise.reject(inUseError)}
        inUse={{
          offerArchive: { title: 'Typ wird noch verwendet', body: 'Archivieren?', confirm: 'Archivieren', archive },
        }}
      />,
    );

    await confirmDelete(user);
    expect(await screen.findByText('Typ wird noch verwendet')).toBeInTheDocument();
    expect(archive).not.toHaveBeenCalled();
    await user.click(screen.getByRole('button', { name: 'Archivieren' }));
    expect(archive).toHaveBeenCalledTimes(1);
  });

  it('shows the page’s in-use message for a record still in use', async () => {
    const user = userEvent.setup();
    renderWithProviders(
      <Harness remove={() => Promise.reject(inUseError)} inUse={{ message: 'Der Typ wird noch verwendet.' }} />,
    );

    await confirmDelete(user);
    expect(await screen.findByText('Der Typ wird noch verwendet.')).toBeInTheDocument();
  });

  it('shows other errors as they are, not as "in use"', async () => {
    const user = userEvent.setup();
    const failure = new ApiError({ status: 412, code: 'precondition.version_mismatch' });
    renderWithProviders(<Harness remove={() => Promise.reject(failure)} inUse={{ message: 'Noch in Gebrauch.' }} />);

    await confirmDelete(user);
    expect(await screen.findByText(/inzwischen von jemand anderem geändert/)).toBeInTheDocument();
    expect(screen.queryByText('Noch in Gebrauch.')).not.toBeInTheDocument();
  });
});
