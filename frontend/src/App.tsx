import { MantineProvider } from '@mantine/core';
import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { AccountPage } from './features/account/AccountPage';
import { AuthGate } from './features/auth/AuthGate';
import { AdminOnly } from './features/settings/AdminOnly';
import { RolesPage } from './features/settings/roles/RolesPage';
import { UnitsPage } from './features/settings/units/UnitsPage';
import { UsersPage } from './features/settings/users/UsersPage';
import { AppLayout } from './features/shell/AppLayout';
import { StartPage } from './features/start/StartPage';
import { theme } from './theme';

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      <QueryClientProvider client={queryClient}>
        <ModalsProvider>
          <Notifications position="top-right" />
          <AuthGate>
            {/* Hash routes: a reload of the desktop window (or the dev page) always finds index.html. */}
            <HashRouter>
              <Routes>
                <Route element={<AppLayout />}>
                  <Route index element={<StartPage />} />
                  <Route path="account" element={<AccountPage />} />
                  <Route path="settings" element={<AdminOnly />}>
                    <Route index element={<Navigate to="users" replace />} />
                    <Route path="users" element={<UsersPage />} />
                    <Route path="units" element={<UnitsPage />} />
                    <Route path="roles" element={<RolesPage />} />
                  </Route>
                  <Route path="*" element={<Navigate to="/" replace />} />
                </Route>
              </Routes>
            </HashRouter>
          </AuthGate>
        </ModalsProvider>
      </QueryClientProvider>
    </MantineProvider>
  );
}
