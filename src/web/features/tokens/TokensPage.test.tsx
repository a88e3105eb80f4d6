// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AdminToken, ApiToken } from '../../../shared/contracts/tokens.ts';
import { adminUser, dnds, page, partnerUser } from '../../test/fixtures.ts';
import { fakeApi, meRoute } from '../../test/fake-api.ts';
import { renderApp } from '../../test/render.tsx';

const secret = `relais_${'x7Qa'.repeat(10)}abc`;

function token(overrides: Partial<ApiToken> = {}): ApiToken {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    name: 'Power BI Mopti',
    scope: 'read',
    hint: secret.slice(-4),
    status: 'active',
    createdAt: '2026-11-20T09:30:00.000Z',
    expiresAt: '2027-02-18T09:30:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

describe('API tokens page', () => {
  it('starts empty, creates a read-only token, shows its secret once and lists it without it', async () => {
    let tokens: ApiToken[] = [];
    const api = fakeApi({
      ...meRoute(partnerUser),
      'GET /api/v1/organisations/:id': () => ({ body: dnds }),
      'GET /api/v1/auth/tokens': () => ({ body: { items: tokens } }),
      'POST /api/v1/auth/tokens': (request) => {
        const created = token({ name: (request.body as { name: string }).name });
        tokens = [created];
        return { status: 201, body: { token: created, secret } };
      },
    });
    await renderApp('/account/tokens');
    expect(await screen.findByRole('heading', { level: 2, name: 'Aucun jeton pour l’instant' })).toBeTruthy();

    // A name is required: nothing is sent without one.
    fireEvent.click(screen.getByRole('button', { name: 'Créer le jeton' }));
    expect(await screen.findByText('Ce champ est obligatoire.')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/auth/tokens')).toHaveLength(0);

    fireEvent.change(screen.getByLabelText('Nom du jeton'), { target: { value: 'Power BI Mopti' } });
    expect(screen.getByRole<HTMLInputElement>('radio', { name: /Lecture seule/ }).checked).toBe(true);
    fireEvent.change(screen.getByLabelText('Expiration'), { target: { value: '30' } });
    fireEvent.click(screen.getByRole('button', { name: 'Créer le jeton' }));

    const panel = await screen.findByRole('region', { name: 'Copiez votre jeton maintenant' });
    expect(within(panel).getByText(secret)).toBeTruthy();
    expect(api.calls('POST', '/api/v1/auth/tokens')[0]?.body).toEqual({ name: 'Power BI Mopti', scope: 'read', expiresInDays: 30 });
    const table = await screen.findByRole('table', { name: 'Vos jetons d’API' });
    expect(within(table).getByText('Power BI Mopti')).toBeTruthy();
    expect(within(table).getByText('Jamais')).toBeTruthy();
    expect(table.textContent).not.toContain(secret);

    fireEvent.click(within(panel).getByRole('button', { name: 'J’ai copié le jeton' }));
    expect(screen.queryByText(secret)).toBeNull();

    // The feeds a partner may read, with their full addresses.
    const feeds = screen.getByRole('table', { name: 'Flux HXL que votre compte peut lire' });
    expect(feeds.textContent).toContain('/api/v1/feeds/5w.csv');
    expect(feeds.textContent).toContain('/api/v1/feeds/public.csv');
  });

  it('asks before revoking, then shows the token revoked', async () => {
    let tokens = [token({ lastUsedAt: '2026-11-21T10:00:00.000Z' })];
    const api = fakeApi({
      ...meRoute(partnerUser),
      'GET /api/v1/organisations/:id': () => ({ body: dnds }),
      'GET /api/v1/auth/tokens': () => ({ body: { items: tokens } }),
      'DELETE /api/v1/auth/tokens/:id': () => {
        tokens = [token({ status: 'revoked', revokedAt: '2026-11-22T10:00:00.000Z' })];
        return { status: 204 };
      },
    });
    await renderApp('/account/tokens');
    fireEvent.click(await screen.findByRole('button', { name: 'Révoquer le jeton « Power BI Mopti »' }));
    const dialog = await screen.findByRole('dialog', { name: 'Révoquer ce jeton ?' });
    expect(dialog.textContent).toContain('cessera de fonctionner immédiatement');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Révoquer le jeton' }));
    expect(await screen.findByText('Jeton « Power BI Mopti » révoqué.')).toBeTruthy();
    expect(await screen.findByText('Révoqué')).toBeTruthy();
    expect(api.calls('DELETE', `/api/v1/auth/tokens/${tokens[0]!.id}`)).toHaveLength(1);
    expect(screen.queryByRole('button', { name: /Révoquer le jeton « Power BI Mopti »/ })).toBeNull();
  });

  it("lets administrators see every account's tokens and revoke one", async () => {
    const adminToken = (overrides: Partial<AdminToken> = {}): AdminToken => ({
      ...token(),
      user: { id: partnerUser.id, name: 'Issa Coulibaly', email: 'partner@demo.relais', role: 'partner', active: true },
      ...overrides,
    });
    let revoked = false;
    const api = fakeApi({
      ...meRoute(adminUser),
      'GET /api/v1/organisations/:id': () => ({ body: dnds }),
      'GET /api/v1/tokens': (request) => {
        if (request.query.get('status') === 'expired') return { body: page([]) };
        return { body: page([adminToken(revoked ? { status: 'revoked' } : {})]) };
      },
      'DELETE /api/v1/tokens/:id': () => {
        revoked = true;
        return { status: 204 };
      },
    });
    await renderApp('/admin/tokens');
    const table = await screen.findByRole('table', { name: 'Jetons d’API de tous les comptes' });
    expect(await within(table).findByText('Issa Coulibaly')).toBeTruthy();
    fireEvent.click(within(table).getByRole('button', { name: 'Révoquer le jeton « Power BI Mopti »' }));
    fireEvent.click(within(await screen.findByRole('dialog')).getByRole('button', { name: 'Révoquer le jeton' }));
    expect(await screen.findByText('Jeton « Power BI Mopti » révoqué.')).toBeTruthy();
    expect(api.calls('DELETE', `/api/v1/tokens/${token().id}`)).toHaveLength(1);

    fireEvent.change(screen.getByLabelText('Statut'), { target: { value: 'expired' } });
    expect(await screen.findByRole('heading', { name: 'Aucun jeton ne correspond à ces filtres.' })).toBeTruthy();
  });
});
