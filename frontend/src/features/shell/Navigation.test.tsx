import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminMe, fieldMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { navigationFor } from './navigation';
import { Navigation } from './Navigation';

describe('Navigation', () => {
  it('shows only the start page to users who are not admins', () => {
    renderWithProviders(<Navigation me={fieldMe} />);

    expect(screen.getByRole('link', { name: 'Start' })).toBeInTheDocument();
    expect(screen.queryByText('Einstellungen')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Benutzer' })).not.toBeInTheDocument();
    expect(screen.getAllByRole('link')).toHaveLength(1);
  });

  it('shows the settings to admins', () => {
    renderWithProviders(<Navigation me={adminMe} />, { route: '/settings/units' });

    expect(screen.getByText('Einstellungen')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Benutzer' })).toHaveAttribute('href', '/settings/users');
    expect(screen.getByRole('link', { name: 'Einheiten' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Rollen' })).toBeInTheDocument();
  });

  it('offers nothing beyond what works today', () => {
    expect(navigationFor(fieldMe).flatMap((section) => section.items.map((item) => item.to))).toEqual(['/']);
    expect(navigationFor(adminMe).flatMap((section) => section.items.map((item) => item.to))).toEqual([
      '/',
      '/settings/users',
      '/settings/units',
      '/settings/roles',
    ]);
  });
});
