import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { adminApi } from '../../api';
import type * as Api from '../../api';
import { adminMe, fieldMe } from '../../test/fixtures';
import { renderWithProviders } from '../../test/render';
import { MeContext } from '../auth/session';
import { ChecklistCard } from './ChecklistCard';

vi.mock('../../api', async (importOriginal) => {
  const actual = await importOriginal<typeof Api>();
  return { ...actual, adminApi: { ...actual.adminApi, setupChecklist: vi.fn() } };
});

const setupChecklist = vi.mocked(adminApi.setupChecklist);

function renderCard(me = adminMe) {
  return renderWithProviders(
    <MeContext value={me}>
      <ChecklistCard />
    </MeContext>,
  );
}

describe('ChecklistCard', () => {
  beforeEach(() => {
    window.localStorage.clear();
  });
  afterEach(() => {
    vi.clearAllMocks();
  });

  it('shows a new company the steps, ticked as done, and keeps it hidden once dismissed', async () => {
    setupChecklist.mockResolvedValue({ offered: true, done: ['team'] });
    const user = userEvent.setup();
    const first = renderCard();
    const card = await screen.findByTestId('checklist-card');
    expect(card.querySelectorAll('[data-testid="checklist-step"]')).toHaveLength(6);
    expect(card.querySelector('[data-step="team"]')).toHaveAttribute('data-done', 'true');
    expect(card.querySelector('[data-step="pipelines"]')).toHaveAttribute('data-done', 'false');

    await user.click(screen.getByTestId('checklist-dismiss'));
    expect(screen.queryByTestId('checklist-card')).not.toBeInTheDocument();
    first.unmount();
    renderCard();
    await waitFor(() => {
      expect(setupChecklist).toHaveBeenCalledTimes(1);
    });
    expect(screen.queryByTestId('checklist-card')).not.toBeInTheDocument();
  });

  it('is not shown where the server does not offer it (the demo company, a company older than 30 days)', async () => {
    setupChecklist.mockResolvedValue({ offered: false, done: [] });
    renderCard();
    await waitFor(() => {
      expect(setupChecklist).toHaveBeenCalled();
    });
    // Give the query time to settle: the card must stay away with the answer in.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('checklist-card')).not.toBeInTheDocument();
  });

  it('is not shown when every step is done, nor to someone who is not an admin', async () => {
    setupChecklist.mockResolvedValue({
      offered: true,
      done: ['team', 'units', 'pipelines', 'customFields', 'leadSource', 'import'],
    });
    renderCard();
    await waitFor(() => {
      expect(setupChecklist).toHaveBeenCalled();
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByTestId('checklist-card')).not.toBeInTheDocument();

    setupChecklist.mockClear();
    renderCard(fieldMe);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(setupChecklist).not.toHaveBeenCalled();
    expect(screen.queryByTestId('checklist-card')).not.toBeInTheDocument();
  });
});
