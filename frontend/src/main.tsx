import '@mantine/core/styles.css';
import '@mantine/dates/styles.css';
import '@mantine/charts/styles.css';
import '@mantine/notifications/styles.css';
import './i18n';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { listenForFileDrops } from './api';
import { App } from './App';
import { sessionEnded } from './features/auth/session';
import { keepEnterInPickers } from './lib/enterGuard';
import { createQueryClient } from './queryClient';

const root = document.getElementById('root');
if (!root) {
  throw new Error('index.html has no #root element');
}

// Files dropped onto the window go to the record page that shows them (and never replace the app in the web view).
listenForFileDrops();
// Enter in a select or date field of a form picks; it never submits the form.
keepEnterInPickers(document);

createRoot(root).render(
  <StrictMode>
    <App queryClient={createQueryClient(sessionEnded)} />
  </StrictMode>,
);
