import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { Lead } from '../../api';
import { renderWithProviders } from '../../test/render';
import { DuplicateAlert, LeadDetailsCard } from './LeadIntakeCards';

const lead = (parts: Partial<Lead>) => ({ details: [], possibleDuplicate: false, ...parts }) as Lead;

describe('the intake cards of the lead page', () => {
  it('lists the further details, and shows nothing without any', () => {
    const { unmount } = renderWithProviders(
      <LeadDetailsCard
        lead={lead({
          details: [
            { name: 'Budget', value: '25000' },
            { name: 'Rückruf', value: 'vormittags' },
          ],
        })}
      />,
    );
    const card = within(screen.getByTestId('lead-further-details'));
    expect(card.getByText('Weitere Angaben')).toBeInTheDocument();
    expect(card.getByText('Rückruf')).toBeInTheDocument();
    expect(card.getByText('vormittags')).toBeInTheDocument();
    unmount();

    renderWithProviders(<LeadDetailsCard lead={lead({ details: null as unknown as [] })} />);
    expect(screen.queryByTestId('lead-further-details')).not.toBeInTheDocument();
  });

  it('links the possible duplicates and says why each may be one', () => {
    renderWithProviders(
      <DuplicateAlert
        lead={lead({
          possibleDuplicate: true,
          duplicates: [
            { recordType: 'person', id: 'p1', name: 'Anna Schulz', reason: 'email' },
            { recordType: 'organization', id: 'o1', name: 'Bäckerei Sonnenschein GmbH', reason: 'company' },
            { recordType: 'lead', id: 'l9', name: 'Anfrage Photovoltaik', reason: 'phone' },
          ],
        })}
      />,
    );
    const items = screen.getAllByTestId('lead-duplicate');
    expect(items.map((item) => item.textContent)).toEqual([
      'Anna Schulz (Person: gleiche E-Mail-Adresse)',
      'Bäckerei Sonnenschein GmbH (Organisation: gleiche Firma und PLZ)',
      'Anfrage Photovoltaik (Lead: gleiche Telefonnummer)',
    ]);
    expect(screen.getByRole('link', { name: 'Anna Schulz' })).toHaveAttribute('href', '/persons/p1');
    expect(screen.getByRole('link', { name: 'Bäckerei Sonnenschein GmbH' })).toHaveAttribute(
      'href',
      '/organizations/o1',
    );
    expect(screen.getByRole('link', { name: 'Anfrage Photovoltaik' })).toHaveAttribute('href', '/leads/l9');
  });

  it('shows no hint for a lead without duplicates', () => {
    renderWithProviders(<DuplicateAlert lead={lead({})} />);
    expect(screen.queryByTestId('lead-duplicates')).not.toBeInTheDocument();
  });
});
