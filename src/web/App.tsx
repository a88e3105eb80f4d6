import { type QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useRoutes } from 'react-router';
import { routes } from './routes.tsx';

function AppRoutes() {
  return useRoutes(routes);
}

/**
 * The providers around the routes. The router is passed in: `BrowserRouter` in the app,
 * `MemoryRouter` in tests. (The declarative router: the data router's loaders are not used
 * here and would add ~10 kB to the first download.)
 */
export function App({ queryClient, Router }: { queryClient: QueryClient; Router: (props: { children: ReactNode }) => ReactNode }) {
  return (
    <QueryClientProvider client={queryClient}>
      <Router>
        <AppRoutes />
      </Router>
    </QueryClientProvider>
  );
}
