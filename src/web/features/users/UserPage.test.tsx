// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { AuditEvent } from '../../../shared/contracts/audit.ts';
import type { User } from '../../../shared/contracts/users.ts';
import { adminUser, dnds, ids, organisation, page, user } from '../../test/fixtures.ts';
import { fakeApi, meRoute } from '../../test/fake-api.ts';
import { renderApp } from '../../test/render.tsx';

const ibrahim = user({ version: 4 });

function event(overrides: Partial<AuditEvent>): AuditEvent {
  return {
    id: '1',
    at: '2026-11-20T09:30:00.000Z',
    actorId: ids.admin,
    actorName: 'Aminata Traoré',
    action: 'update',
    entity: 'user',
    entityId: ibrahim.id,
    before: null,
    after: null,
    requestId: 'r1',
    apiToken: null,
    ...overrides,
  };
}

function routes(extra: Record<string, Parameters<typeof fakeApi>[0][string]> = {}) {
  let current: User = ibrahim;
  return fakeApi({
    ...meRoute(adminUser),
    [`GET /api/v1/organisations/${dnds.id}`]: () => ({ body: dnds }),
    'GET /api/v1/organisations': () => ({ body: page([dnds, organisation()]) }),
    'GET /api/v1/admin-areas': () => ({ body: page([]) }),
    [`GET /api/v1/users/${ibrahim.id}`]: () => ({ body: current }),
    [`POST /api/v1/users/${ibrahim.id}/reset-password`]: () => {
      current = { ...current, mustChangePassword: true, version: current.version + 1 };
      return { body: { user: current, temporaryPassword: 'Nw3-tmp-88x' } };
    },
    [`PATCH /api/v1/users/${ibrahim.id}`]: (request) => {
      current = { ...current, ...(request.body as object), version: current.version + 1 };
      return { body: current };
    },
    'GET /api/v1/audit': () => ({ body: page([]) }),
    ...extra,
  });
}

describe('user page', () => {
  it('resets the password, shows the new one once, and keeps saving on the new version', async () => {
    const api = routes();
    await renderApp(`/admin/users/${ibrahim.id}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Réinitialiser le mot de passe' }));
    const dialog = await screen.findByRole('dialog', { name: 'Réinitialiser le mot de passe' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Réinitialiser le mot de passe' }));
    expect(await screen.findByText('Nw3-tmp-88x')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('Nom complet'), { target: { value: 'Ibrahim A. Maïga' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enregistrer' }));
    expect(await screen.findByText('Modifications enregistrées.')).toBeTruthy();
    expect(api.calls('PATCH', `/api/v1/users/${ibrahim.id}`)[0]?.body).toMatchObject({ name: 'Ibrahim A. Maïga', version: 5 });
  });

  it('does not offer administrators to deactivate their own account', async () => {
    const self = user({ id: adminUser.id, name: adminUser.name, role: 'admin', organisationId: dnds.id, organisationAcronym: 'DNDS' });
    routes({ [`GET /api/v1/users/${self.id}`]: () => ({ body: self }) });
    await renderApp(`/admin/users/${self.id}`);
    await screen.findByRole('heading', { level: 1, name: 'Aminata Traoré' });
    expect(screen.queryByRole('button', { name: 'Désactiver le compte' })).toBeNull();
  });

  it('shows the record history as readable changes: who, when, what', async () => {
    routes({
      'GET /api/v1/audit': (request) => {
        expect(request.query.get('entity')).toBe('user');
        expect(request.query.get('id')).toBe(ibrahim.id);
        return {
          body: page(
            [
              event({
                id: '3',
                before: { ...ibrahim, role: 'viewer', organisationId: null, organisationAcronym: null, active: true },
                after: { ...ibrahim, version: 5 },
              }),
              event({ id: '2', after: { ...ibrahim, passwordReset: true }, before: ibrahim }),
              event({ id: '1', action: 'create', actorName: null, after: { ...ibrahim, regions: ['ML05'] } }),
            ],
            3,
          ),
        };
      },
    });
    await renderApp(`/admin/users/${ibrahim.id}`);
    const history = await screen.findByRole('region', { name: 'Historique des modifications' });
    const entries = await within(history).findAllByRole('listitem');
    expect(entries).toHaveLength(3);

    const [update, reset, creation] = entries as [HTMLElement, HTMLElement, HTMLElement];
    expect(update.textContent).toContain('Modification');
    expect(update.textContent).toContain('par Aminata Traoré');
    expect(within(update).getByRole('time').getAttribute('datetime')).toBe('2026-11-20T09:30:00.000Z');
    const rows = within(update).getAllByRole('row').slice(1).map((row) => [...row.children].map((cell) => cell.textContent));
    // Names, not ids; values in words; unchanged and bookkeeping fields left out.
    expect(rows).toEqual([
      ['Rôle', 'Lecture seule', 'Partenaire'],
      ['Organisation', '—', 'NRC'],
    ]);
    expect(reset.textContent).toContain('Mot de passe réinitialisé.');
    expect(creation.textContent).toContain('Création');
    expect(creation.textContent).toContain('Système');
    expect(within(creation).getByRole('row', { name: /Régions/ }).textContent).toContain('ML05');
  });
});
