import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { adminRole, fieldRole } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { AccessSummary } from './AccessSummary';

describe('AccessSummary', () => {
  it('says in words what a role may do, grouped by reach', () => {
    renderWithProviders(
      <AccessSummary
        role={{
          ...fieldRole,
          grants: [...fieldRole.grants, { recordType: 'deal', action: 'create', scope: 'own' }],
        }}
      />,
    );

    const summary = screen.getByTestId('access-summary');
    expect(summary).toHaveTextContent('PersonenAnsehen: alle');
    expect(screen.getByText('Ansehen: eigene Einheit und darunter')).toBeInTheDocument();
    expect(screen.getByText('Anlegen und Bearbeiten: eigene')).toBeInTheDocument();
    expect(screen.getAllByText('kein Zugriff')).toHaveLength(3);
    expect(summary).not.toHaveTextContent('Einstellungen verwalten');
  });

  it('mentions the admin right', () => {
    renderWithProviders(<AccessSummary role={adminRole} />);

    expect(
      screen.getByText('Einstellungen verwalten: Benutzer, Einheiten, Rollen und eigene Felder'),
    ).toBeInTheDocument();
  });
});
