import { screen, waitFor } from '@testing-library/react';
import { act } from 'react';
import { describe, expect, it, vi } from 'vitest';
import type { AssignedLeads, Lead } from '../../api';
import { i18n } from '../../i18n';
import { renderWithProviders } from '../../test/render';
import { assignedNotice, assignedPath } from './assignedNotice';
import { LeadsAssignedNotifier } from './LeadsAssignedNotifier';

const listeners = vi.hoisted(() => new Map<string, (data: unknown) => void>());
vi.mock('../../lib/wailsjs/runtime/runtime', () => ({
  EventsOn: (event: string, callback: (data: unknown) => void) => {
    listeners.set(event, callback);
    return () => listeners.delete(event);
  },
}));

const lead = (id: string, title: string) => ({ id, title }) as Lead;
const assigned = (count: number, titles: string[]): AssignedLeads => ({
  count,
  items: titles.map((title, index) => lead(`l${index + 1}`, title)),
  until: '2026-12-01T10:00:00Z',
});

describe('the assigned-leads notice', () => {
  const t = i18n.getFixedT('de');

  it('counts the leads and names the first titles', () => {
    expect(assignedNotice(t, assigned(3, ['Wärmepumpe', 'Photovoltaik', 'Dachsanierung']))).toEqual({
      title: 'Neue Leads',
      message: '3 neue Leads wurden Ihnen zugewiesen: Wärmepumpe, Photovoltaik, Dachsanierung',
    });
  });

  it('says "and more" when more were assigned than named', () => {
    const { message } = assignedNotice(t, assigned(7, ['A', 'B', 'C', 'D', 'E']));
    expect(message).toBe('7 neue Leads wurden Ihnen zugewiesen: A, B, C, und weitere');
  });

  it('speaks of one lead in the singular and opens it', () => {
    const one = assigned(1, ['Wärmepumpe']);
    expect(assignedNotice(t, one).message).toBe('Ein neuer Lead wurde Ihnen zugewiesen: Wärmepumpe');
    expect(assignedPath(one)).toBe('/leads/l1');
    expect(assignedPath(assigned(2, ['A', 'B']))).toBe('/leads?view=list');
  });

  it('shows the notice on the desktop event and reloads the lead lists and boards', async () => {
    const { queryClient } = renderWithProviders(<LeadsAssignedNotifier />);
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries');
    await waitFor(() => {
      expect(listeners.has('leads:assigned')).toBe(true);
    });

    act(() => {
      listeners.get('leads:assigned')?.(assigned(2, ['Wärmepumpe', 'Photovoltaik']));
    });

    expect(await screen.findByTestId('leads-assigned-notice')).toHaveTextContent(
      '2 neue Leads wurden Ihnen zugewiesen: Wärmepumpe, Photovoltaik',
    );
    expect(invalidate).toHaveBeenCalledWith({ queryKey: ['lead'] });
  });
});
