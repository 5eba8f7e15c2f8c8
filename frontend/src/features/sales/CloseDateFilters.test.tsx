import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { EMPTY_FILTER, fromListQuery, toListQuery } from '../records/list/filterState';
import { CloseDateFilters } from './CloseDateFilters';

describe('CloseDateFilters', () => {
  it('shows the closed-date range a dashboard figure opened the deal list with, and clears it', () => {
    const state = fromListQuery({ status: 'won', closedFrom: '2026-11-01', closedTo: '2026-11-30' });
    const onChange = vi.fn();
    renderWithProviders(<CloseDateFilters recordType="deal" state={state} onChange={onChange} />);

    expect(screen.getByLabelText('Abgeschlossen ab')).toHaveValue('01.11.2026');
    expect(screen.getByLabelText('Abgeschlossen bis')).toHaveValue('30.11.2026');
    expect(screen.getByLabelText('Erwarteter Abschluss ab')).toHaveValue('');

    const clear = screen
      .getByLabelText('Abgeschlossen ab')
      .closest('.mantine-InputWrapper-root')
      ?.querySelector('button');
    if (!clear) throw new Error('the field has no clear button');
    fireEvent.click(clear);
    expect(onChange).toHaveBeenCalledWith({ ...state, closedFrom: '' });
  });

  it('offers leads only the closed dates (they have no expected close date)', () => {
    renderWithProviders(<CloseDateFilters recordType="lead" state={EMPTY_FILTER} onChange={vi.fn()} />);
    expect(screen.getByLabelText('Abgeschlossen ab')).toBeInTheDocument();
    expect(screen.queryByLabelText('Erwarteter Abschluss ab')).not.toBeInTheDocument();
  });

  it('sends the dates in the query, and counts them for the address', () => {
    const query = toListQuery({ ...EMPTY_FILTER, closeDateFrom: '2026-11-27', closeDateTo: '2026-12-27' }, []);
    expect(query).toMatchObject({ closeDateFrom: '2026-11-27', closeDateTo: '2026-12-27', closedFrom: '' });
  });
});
