import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { notificationsApi } from '../../api';
import { ApiError } from '../../api/errors';
import { renderWithProviders } from '../../test/render';
import { DesktopNotificationSetting } from './DesktopNotificationSetting';

const toggle = () => screen.getByRole('switch', { name: /Desktop-Benachrichtigungen/ });

describe('DesktopNotificationSetting', () => {
  it('shows the desktop setting and turns it off', async () => {
    vi.spyOn(notificationsApi, 'desktopNotifications').mockResolvedValue(true);
    const set = vi.spyOn(notificationsApi, 'setDesktopNotifications').mockResolvedValue();
    const user = userEvent.setup();
    renderWithProviders(<DesktopNotificationSetting />);
    await waitFor(() => {
      expect(toggle()).toBeChecked();
    });

    await user.click(toggle());

    expect(set).toHaveBeenCalledWith(false);
    expect(toggle()).not.toBeChecked();
  });

  it('goes back when the setting cannot be saved', async () => {
    vi.spyOn(notificationsApi, 'desktopNotifications').mockResolvedValue(false);
    vi.spyOn(notificationsApi, 'setDesktopNotifications').mockRejectedValue(
      new ApiError({ status: 0, code: 'settings.unavailable', message: 'disk full' }),
    );
    const user = userEvent.setup();
    renderWithProviders(<DesktopNotificationSetting />);
    await waitFor(() => {
      expect(toggle()).toBeEnabled();
    });

    await user.click(toggle());

    expect(await screen.findByText('Die Einstellung konnte nicht gespeichert werden.')).toBeInTheDocument();
    expect(toggle()).not.toBeChecked();
  });
});
