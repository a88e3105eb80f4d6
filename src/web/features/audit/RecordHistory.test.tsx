// @vitest-environment happy-dom
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CurrentUser } from '../../../shared/contracts/auth.ts';
import { createQueryClient } from '../../api/query-client.ts';
import { sessionKey } from '../../auth/session.ts';
import { initI18n } from '../../i18n/i18n.ts';
import { adminUser, page } from '../../test/fixtures.ts';
import { fakeApi } from '../../test/fake-api.ts';
import '../../test/render.tsx';
import { RecordHistory } from './RecordHistory.tsx';

beforeAll(() => initI18n('fr'));

function renderFor(signedIn: CurrentUser) {
  const queryClient = createQueryClient();
  queryClient.setQueryData(sessionKey, signedIn);
  render(
    <QueryClientProvider client={queryClient}>
      <RecordHistory entity="organisation" id="00000000-0000-4000-8000-0000000000a2" />
    </QueryClientProvider>,
  );
}

describe('RecordHistory', () => {
  it('is shown to an administrator', async () => {
    const api = fakeApi({ 'GET /api/v1/audit': () => ({ body: page([]) }) });
    renderFor(adminUser);
    expect(await screen.findByText('Aucune modification enregistrée.')).toBeTruthy();
    expect(api.calls('GET', '/api/v1/audit')[0]?.query.get('entity')).toBe('organisation');
  });

  it('is neither shown nor requested for a role that may not read the audit', async () => {
    const api = fakeApi({ 'GET /api/v1/audit': () => ({ body: page([]) }) });
    renderFor({ ...adminUser, role: 'coordinator' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(screen.queryByRole('region', { name: 'Historique des modifications' })).toBeNull();
    expect(api.requests).toHaveLength(0);
  });
});
