import { screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { ActivityItem } from './ActivityItem';
import { activity } from './testData';

function renderItem(overrides: Parameters<typeof activity>[0], except?: 'deal') {
  renderWithProviders(
    <ActivityItem
      activity={activity(overrides)}
      onToggle={vi.fn()}
      onOpen={vi.fn()}
      canEdit
      when="27.11.2026, 10:00"
      except={except}
    />,
  );
  return screen.getByTestId('activity-links');
}

describe('ActivityItem links', () => {
  it('links the visible records and shows a placeholder, named by its kind, for each hidden one', () => {
    const links = renderItem({
      personId: 'p-1',
      personName: 'Erika Mustermann',
      dealHidden: true,
      organizationHidden: true,
    });

    expect(within(links).getByRole('link', { name: 'Erika Mustermann' })).toHaveAttribute('href', '/persons/p-1');
    expect(within(links).getAllByRole('link')).toHaveLength(1);
    const hidden = within(links).getAllByTestId('hidden-record');
    expect(hidden.map((element) => element.dataset.recordType)).toEqual(['deal', 'organization']);
    expect(hidden[0]).toHaveTextContent('Deal nicht sichtbar');
    expect(hidden[1]).toHaveTextContent('Organisation nicht sichtbar');
    expect(links).toHaveTextContent(/^Deal nicht sichtbar.* · Erika Mustermann · Organisation nicht sichtbar/);
  });

  it('leaves out the record whose page shows the activity, hidden or not', () => {
    const links = renderItem({ dealHidden: true, leadHidden: true }, 'deal');

    expect(
      within(links)
        .getAllByTestId('hidden-record')
        .map((element) => element.dataset.recordType),
    ).toEqual(['lead']);
  });

  it('shows no links line for an activity linked to nothing', () => {
    renderWithProviders(
      <ActivityItem activity={activity()} onToggle={vi.fn()} onOpen={vi.fn()} canEdit when="10:00" />,
    );

    expect(screen.queryByTestId('activity-links')).not.toBeInTheDocument();
  });
});
