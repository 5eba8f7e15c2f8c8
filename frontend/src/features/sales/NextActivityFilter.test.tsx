import { fireEvent, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../test/render';
import { EMPTY_FILTER, fromListQuery } from '../records/list/filterState';
import { NextActivityFilter } from './NextActivityFilter';

describe('NextActivityFilter', () => {
  it('shows the condition the dashboard opened the deal list with, and lets the user remove it', () => {
    const state = fromListQuery({ owner: 'me', status: 'open', noOpenActivity: true });
    const onChange = vi.fn();
    renderWithProviders(<NextActivityFilter state={state} onChange={onChange} />);

    const toggle = screen.getByRole('switch', { name: 'Nur ohne nächste Aktivität' });
    expect(toggle).toBeChecked();
    fireEvent.click(toggle);
    expect(onChange).toHaveBeenCalledWith({ ...state, noOpenActivity: false });
  });

  it('sets it', () => {
    const onChange = vi.fn();
    renderWithProviders(<NextActivityFilter state={EMPTY_FILTER} onChange={onChange} />);
    fireEvent.click(screen.getByRole('switch', { name: 'Nur ohne nächste Aktivität' }));
    expect(onChange).toHaveBeenCalledWith({ ...EMPTY_FILTER, noOpenActivity: true });
  });
});
