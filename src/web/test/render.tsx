import { cleanup, configure, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter, useLocation } from 'react-router';
import { afterEach, vi } from 'vitest';
import { createQueryClient } from '../api/query-client.ts';
import { App } from '../App.tsx';
import { applyLanguage, initI18n, storedLanguage } from '../i18n/i18n.ts';

// The first visit to a lazy page compiles its module graph (zod, contracts): seconds on a busy machine.
configure({ asyncUtilTimeout: 5000 });

// Vitest runs without globals here, so Testing Library cannot register its own cleanup.
afterEach(async () => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  await applyLanguage('fr');
  document.title = '';
});

/** Renders the whole app at `path`, as a browser would after loading that URL. */
export async function renderApp(path = '/') {
  await initI18n(storedLanguage() ?? 'fr');
  const queryClient = createQueryClient();
  // A failing request in a test should show its error at once, not after retries.
  queryClient.setDefaultOptions({ queries: { ...queryClient.getDefaultOptions().queries, retry: false } });
  const location = { current: path };
  function Probe() {
    const here = useLocation();
    location.current = here.pathname + here.search;
    return null;
  }
  function Router({ children }: { children: ReactNode }) {
    return (
      <MemoryRouter initialEntries={[path]}>
        {children}
        <Probe />
      </MemoryRouter>
    );
  }
  const utils = render(<App queryClient={queryClient} Router={Router} />);
  return { ...utils, queryClient, location };
}
