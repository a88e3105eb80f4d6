import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { createQueryClient } from './api/query-client.ts';
import { App } from './App.tsx';
import { initI18n } from './i18n/i18n.ts';
import './styles.css';

const queryClient = createQueryClient();

// The dashboard is where most people land: what it shows first is asked for now, beside the
// session, not after it (features/dashboard/first-load.ts). Other pages do not download its code.
if (/^\/(dashboard|regions\/[^/]+)\/?$/.test(window.location.pathname)) {
  void import('./features/dashboard/first-load.ts').then(({ startDashboardPage }) => startDashboardPage(queryClient, window.location)).catch(() => undefined);
}

void initI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App queryClient={queryClient} Router={BrowserRouter} />
    </StrictMode>,
  ),
);
