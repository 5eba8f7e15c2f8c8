import { ModalsProvider } from '@mantine/modals';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { HashRouter, Navigate, Route, Routes } from 'react-router';
import { AccountPage } from './features/account/AccountPage';
import { SupportPage } from './features/support/SupportPage';
import { CompanySettingsPage } from './features/settings/company/CompanySettingsPage';
import { ActivitiesPage } from './features/activities/ActivitiesPage';
import { OrganizationDetailPage } from './features/contacts/OrganizationDetailPage';
import { OrganizationsPage } from './features/contacts/OrganizationsPage';
import { PersonDetailPage } from './features/contacts/PersonDetailPage';
import { PersonsPage } from './features/contacts/PersonsPage';
import { AuthGate } from './features/auth/AuthGate';
import { AdminOnly } from './features/settings/AdminOnly';
import { ActivityTypesPage } from './features/settings/activityTypes/ActivityTypesPage';
import { CustomFieldsPage } from './features/settings/customFields/CustomFieldsPage';
import { RolesPage } from './features/settings/roles/RolesPage';
import { UnitsPage } from './features/settings/units/UnitsPage';
import { UsersPage } from './features/settings/users/UsersPage';
import { AppLayout } from './features/shell/AppLayout';
import { StartPage } from './features/start/StartPage';
import { TrashPage } from './features/trash/TrashPage';
import { ImportsPage } from './features/imports/ImportsPage';
import { DealDetailPage } from './features/sales/DealDetailPage';
import { DealsPage } from './features/sales/DealsPage';
import { LeadDetailPage } from './features/sales/LeadDetailPage';
import { LeadsPage } from './features/sales/LeadsPage';
import { LeadMappingPage } from './features/settings/sales/LeadMappingPage';
import { LeadSourcePage } from './features/intake/settings/LeadSourcePage';
import { LeadSourcesPage } from './features/intake/settings/LeadSourcesPage';
import { LostReasonsPage } from './features/settings/sales/LostReasonsPage';
import { PipelinesPage } from './features/settings/sales/PipelinesPage';
import { ExportsPage } from './features/exports/ExportsPage';
import { LocalizedDates } from './i18n/LocalizedDates';
import { AppMantineProvider } from './components/AppMantineProvider';

export function App({ queryClient }: { queryClient: QueryClient }) {
  return (
    <AppMantineProvider>
      <LocalizedDates>
        <QueryClientProvider client={queryClient}>
          <ModalsProvider>
            {/* Bottom left: the header (search, user menu) and the page actions at the top stay reachable, and a
                reminder never covers a dialog's buttons (bottom right), while its own messages stay above it. */}
            <Notifications position="bottom-left" limit={4} />
            <AuthGate>
              {/* Hash routes: a reload of the desktop window (or the dev page) always finds index.html. */}
              <HashRouter>
                <Routes>
                  <Route element={<AppLayout />}>
                    <Route index element={<StartPage />} />
                    <Route path="account" element={<AccountPage />} />
                    <Route path="support" element={<SupportPage />} />
                    <Route path="persons" element={<PersonsPage />} />
                    <Route path="persons/:personId" element={<PersonDetailPage />} />
                    <Route path="organizations" element={<OrganizationsPage />} />
                    <Route path="organizations/:organizationId" element={<OrganizationDetailPage />} />
                    <Route path="deals" element={<DealsPage />} />
                    <Route path="deals/:dealId" element={<DealDetailPage />} />
                    <Route path="leads" element={<LeadsPage />} />
                    <Route path="leads/:leadId" element={<LeadDetailPage />} />
                    <Route path="activities" element={<ActivitiesPage />} />
                    <Route path="trash" element={<TrashPage />} />
                    <Route path="imports" element={<ImportsPage />} />
                    <Route path="settings" element={<AdminOnly />}>
                      <Route index element={<Navigate to="users" replace />} />
                      <Route path="users" element={<UsersPage />} />
                      <Route path="units" element={<UnitsPage />} />
                      <Route path="roles" element={<RolesPage />} />
                      <Route path="custom-fields" element={<CustomFieldsPage />} />
                      <Route path="pipelines" element={<PipelinesPage />} />
                      <Route path="lost-reasons" element={<LostReasonsPage />} />
                      <Route path="lead-mapping" element={<LeadMappingPage />} />
                      <Route path="lead-sources" element={<LeadSourcesPage />} />
                      <Route path="lead-sources/:sourceId" element={<LeadSourcePage />} />
                      <Route path="activity-types" element={<ActivityTypesPage />} />
                      <Route path="exports" element={<ExportsPage />} />
                      <Route path="company" element={<CompanySettingsPage />} />
                    </Route>
                    <Route path="*" element={<Navigate to="/" replace />} />
                  </Route>
                </Routes>
              </HashRouter>
            </AuthGate>
          </ModalsProvider>
        </QueryClientProvider>
      </LocalizedDates>
    </AppMantineProvider>
  );
}
