import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter } from 'react-router';
import { dashboardFirstLoad } from '../shared/dashboard-first-load.ts';
import { fetchEarly } from './api/early.ts';
import { createQueryClient } from './api/query-client.ts';
import { App } from './App.tsx';
import { initI18n } from './i18n/i18n.ts';
import './styles.css';

const queryClient = createQueryClient();

// The dashboard is where most people land: what it shows first is asked for now, beside the
// session and while the scripts download, not after them (shared/dashboard-first-load.ts). Only
// in the page the server sends signed-in browsers (marked): a signed-out visitor would be refused
// each answer. Other pages do not download the dashboard's code.
const firstLoad = document.querySelector('meta[name="relais-page"]') ? dashboardFirstLoad(window.location.pathname, window.location.search) : null;
if (firstLoad) {
  fetchEarly(firstLoad.requests);
  void import('./features/dashboard/first-load.ts').then(({ startDashboardPage }) => startDashboardPage(queryClient, firstLoad)).catch(() => undefined);
}

void initI18n().then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App queryClient={queryClient} Router={BrowserRouter} />
    </StrictMode>,
  ),
);
