import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { MapMarker } from '../../api';
import { i18n } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { MapLegend } from './MapLegend';
import { markerLook, type MarkerKind } from './markerLook';

const base: MapMarker = { id: 'p-1', name: 'Anton Beispiel', lat: 48.37, lng: 10.9, precision: 'city' };

describe('markerLook', () => {
  it('marks a person at its organisation and names the organisation in the title', () => {
    const look = markerLook(i18n.t, { ...base, placedAt: 'organization', viaId: 'o-1', viaName: 'Nord Augsburg GmbH' });
    expect(look).toEqual({ kind: 'via', title: 'Anton Beispiel (über Nord Augsburg GmbH)' });
  });

  it('keeps the pin for a record at its own address and for a deal (no placedAt)', () => {
    expect(markerLook(i18n.t, { ...base, placedAt: 'own' })).toEqual({ kind: 'own', title: 'Anton Beispiel' });
    expect(markerLook(i18n.t, base).kind).toBe('own');
  });
});

describe('MapLegend', () => {
  const legend = (kinds: MarkerKind[]) => renderWithProviders(<MapLegend kinds={new Set(kinds)} />);

  it('explains both markers when a person sits at its organisation', () => {
    legend(['own', 'via']);
    expect(screen.getByRole('group', { name: 'Legende' })).toBeInTheDocument();
    expect(screen.getByTestId('map-legend-own')).toHaveTextContent('eigene Adresse');
    expect(screen.getByTestId('map-legend-via')).toHaveTextContent('ohne eigene Adresse: bei der Organisation');
  });

  it('is not shown when every marker is at its own address', () => {
    legend(['own']);
    expect(screen.queryByTestId('map-legend')).not.toBeInTheDocument();
  });
});
