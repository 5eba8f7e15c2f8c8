import { act, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Address, Position } from '../../api';
import { renderWithProviders } from '../../test/render';
import { PENDING_POLL_MS } from './hooks';
import { PlaceCard } from './PlaceCard';

const munich: Address = { street: 'Marienplatz 1', postalCode: '80331', city: 'München', country: 'DE' };
const notFound: Position = {
  lat: 0,
  lng: 0,
  precision: 'not_found',
  source: 'gazetteer',
  geocodedAt: '2026-11-27T10:00:00Z',
};

function renderCard(address: Address, position?: Position) {
  return renderWithProviders(
    <PlaceCard recordType="organization" recordId="org-1" name="Müller GmbH" address={address} position={position} />,
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('PlaceCard', () => {
  it('says the address is being looked up and asks for the record again until it has a position', () => {
    vi.useFakeTimers();
    const { queryClient } = renderCard(munich);
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');

    expect(screen.getByText('Adresse wird gesucht…')).toBeInTheDocument();
    act(() => {
      vi.advanceTimersByTime(PENDING_POLL_MS * 2);
    });
    expect(invalidate).toHaveBeenCalledTimes(2);
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['organization', 'detail', 'org-1'], exact: true });
  });

  it('shows an address that could not be placed as "nicht gefunden", not as an error', () => {
    renderCard(munich, notFound);

    expect(screen.getByTestId('place-precision')).toHaveTextContent('nicht gefunden');
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByTestId('nearby-button')).not.toBeInTheDocument();
  });

  it('has nothing to show for a record without an address', () => {
    renderCard({ street: '', postalCode: '', city: '', country: 'DE' });

    expect(screen.getByText('Keine Adresse hinterlegt.')).toBeInTheDocument();
  });

  it("shows a person without an address of its own at its organisation's place, and says so", () => {
    const none: Address = { street: '', postalCode: '', city: '', country: '' };
    renderWithProviders(
      <PlaceCard
        recordType="person"
        recordId="p-1"
        name="Anton Beispiel"
        address={none}
        via={{ organizationId: 'o-1', organizationName: 'Nord Augsburg GmbH', address: munich, position: notFound }}
      />,
    );

    expect(
      screen.getByText('Keine eigene Adresse: Position der Organisation „Nord Augsburg GmbH“'),
    ).toBeInTheDocument();
    expect(screen.getByTestId('place-precision')).toHaveTextContent('nicht gefunden');
    expect(screen.queryByText('Keine Adresse hinterlegt.')).not.toBeInTheDocument();
  });
});
