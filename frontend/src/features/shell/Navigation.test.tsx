import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminMe, fieldMe, guestMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { navigationFor } from './navigation';
import { Navigation } from './Navigation';

const paths = (me: typeof adminMe) => navigationFor(me).flatMap((section) => section.items.map((item) => item.to));

describe('Navigation', () => {
  it('shows a user without admin rights only the lists their role lets them see', () => {
    renderWithProviders(<Navigation me={fieldMe} />);

    expect(screen.getByRole('link', { name: 'Dashboard' })).toHaveAttribute('href', '/');
    expect(screen.getByRole('link', { name: 'Personen' })).toHaveAttribute('href', '/persons');
    expect(screen.queryByRole('link', { name: 'Organisationen' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Papierkorb' })).not.toBeInTheDocument();
    expect(screen.queryByText('Einstellungen')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Benutzer' })).not.toBeInTheDocument();
  });

  it('shows the lists, the trash and the settings to admins', () => {
    renderWithProviders(<Navigation me={adminMe} />, { route: '/settings/custom-fields' });

    expect(screen.getByRole('link', { name: 'Organisationen' })).toHaveAttribute('href', '/organizations');
    expect(screen.getByRole('link', { name: 'Papierkorb' })).toHaveAttribute('href', '/trash');
    expect(screen.getByText('Einstellungen')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Benutzer' })).toHaveAttribute('href', '/settings/users');
    expect(screen.getByRole('link', { name: 'Eigene Felder' })).toHaveAttribute('aria-current', 'page');
  });

  it('shows the activities to those who may see them, and their settings to admins', () => {
    renderWithProviders(<Navigation me={adminMe} />, { route: '/settings/activity-types' });

    expect(screen.getByRole('link', { name: 'Aktivitäten' })).toHaveAttribute('href', '/activities');
    expect(screen.getByRole('link', { name: 'Aktivitätstypen' })).toHaveAttribute('aria-current', 'page');
  });

  it('marks a list as current on its detail pages too', () => {
    renderWithProviders(<Navigation me={adminMe} />, { route: '/persons/p-1' });

    expect(screen.getByRole('link', { name: 'Personen' })).toHaveAttribute('aria-current', 'page');
    expect(screen.getByRole('link', { name: 'Dashboard' })).not.toHaveAttribute('aria-current');
  });

  it('offers the imports to users who may create persons or organisations (admins: among the settings)', () => {
    const creator = {
      ...fieldMe,
      role: {
        ...fieldMe.role,
        grants: [...fieldMe.role.grants, { recordType: 'person', action: 'create', scope: 'own' }],
      },
    } satisfies typeof fieldMe;
    expect(paths(creator)).toEqual(['/', '/persons', '/deals', '/imports']);
    expect(navigationFor(adminMe)[0]?.items.map((item) => item.to)).not.toContain('/imports');
  });

  it('offers each user exactly what their role grants', () => {
    expect(paths(guestMe)).toEqual(['/']);
    expect(paths(fieldMe)).toEqual(['/', '/persons', '/deals']);
    expect(paths(adminMe)).toEqual([
      '/',
      '/activities',
      '/persons',
      '/organizations',
      '/deals',
      '/leads',
      '/trash',
      '/settings/users',
      '/settings/units',
      '/settings/roles',
      '/settings/custom-fields',
      '/settings/pipelines',
      '/settings/lost-reasons',
      '/settings/lead-mapping',
      '/settings/lead-sources',
      '/imports',
      '/settings/activity-types',
      '/settings/exports',
      '/settings/company',
    ]);
  });
});
