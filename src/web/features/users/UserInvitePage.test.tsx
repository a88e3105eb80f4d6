// @vitest-environment happy-dom
import { fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import type { AdminArea } from '../../../shared/contracts/gazetteer.ts';
import { adminUser, dnds, ids, organisation, page, user } from '../../test/fixtures.ts';
import { fakeApi, type FakeRequest, meRoute, problem } from '../../test/fake-api.ts';
import { renderApp } from '../../test/render.tsx';

const regions: AdminArea[] = [
  { pcode: 'ML04', name: 'Ségou', level: 1, parentPcode: null, parentName: null, edition: 'COD 2015', hasGeometry: false, bbox: null },
  { pcode: 'ML05', name: 'Mopti', level: 1, parentPcode: null, parentName: null, edition: 'COD 2015', hasGeometry: false, bbox: null },
];

function routes(invite: (request: FakeRequest) => ReturnType<typeof problem> | { status: number; body: unknown }) {
  return {
    ...meRoute(adminUser),
    [`GET /api/v1/organisations/${dnds.id}`]: () => ({ body: dnds }),
    'GET /api/v1/organisations': () => ({ body: page([dnds, organisation()]) }),
    'GET /api/v1/admin-areas': () => ({ body: page(regions) }),
    'POST /api/v1/users': invite,
  };
}

async function openInviteForm() {
  const app = await renderApp('/admin/users/new');
  await screen.findByRole('heading', { level: 1, name: 'Inviter un utilisateur' });
  // The organisation list and the regions arrive from the server.
  await screen.findByRole('option', { name: 'NRC — Conseil norvégien pour les réfugiés' });
  await screen.findByRole('checkbox', { name: 'Mopti (ML05)' });
  return app;
}

describe('invite form', () => {
  it('checks the fields with the shared schema before sending anything', async () => {
    const api = fakeApi(routes(() => ({ status: 201, body: {} })));
    await openInviteForm();
    fireEvent.change(screen.getByLabelText('Adresse e-mail'), { target: { value: 'pas-une-adresse' } });
    fireEvent.change(screen.getByLabelText('Rôle'), { target: { value: 'partner' } });
    fireEvent.click(screen.getByRole('button', { name: 'Créer le compte' }));

    expect(await screen.findByText('Ce champ est obligatoire.')).toBeTruthy();
    expect(screen.getByLabelText('Nom complet').getAttribute('aria-invalid')).toBe('true');
    // The first field to fix gets the focus, so a phone user lands on it.
    expect(document.activeElement).toBe(screen.getByLabelText('Nom complet'));
    expect(screen.getByRole('alert').textContent).toBe('Corrigez les champs signalés.');
    expect(screen.getByText(/Adresse e-mail non valide/)).toBeTruthy();
    // The rule "a partner belongs to an organisation" comes from the contract, in French.
    expect(screen.getByText('Un compte partenaire doit être rattaché à une organisation.')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/users')).toHaveLength(0);
  });

  it('requires a region for a regional coordinator', async () => {
    const api = fakeApi(routes(() => ({ status: 201, body: {} })));
    await openInviteForm();
    fireEvent.change(screen.getByLabelText('Nom complet'), { target: { value: 'Fatoumata Diallo' } });
    fireEvent.change(screen.getByLabelText('Adresse e-mail'), { target: { value: 'f.diallo@dnds.ml' } });
    fireEvent.change(screen.getByLabelText('Rôle'), { target: { value: 'regional_coordinator' } });
    fireEvent.click(screen.getByRole('button', { name: 'Créer le compte' }));
    const group = screen.getByRole('group', { name: /Régions/ });
    expect(await within(group).findByText('Un coordinateur régional doit avoir au moins une région.')).toBeTruthy();
    expect(api.calls('POST', '/api/v1/users')).toHaveLength(0);
  });

  it('shows the server’s errors next to the fields they concern', async () => {
    fakeApi(routes(() => problem(409, 'email_taken', 'Un compte utilise déjà cette adresse e-mail.')));
    await openInviteForm();
    fireEvent.change(screen.getByLabelText('Nom complet'), { target: { value: 'Awa Keïta' } });
    fireEvent.change(screen.getByLabelText('Adresse e-mail'), { target: { value: 'awa@nrc.no' } });
    fireEvent.change(screen.getByLabelText('Rôle'), { target: { value: 'viewer' } });
    fireEvent.click(screen.getByRole('button', { name: 'Créer le compte' }));

    const email = screen.getByLabelText('Adresse e-mail');
    await screen.findByRole('alert');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(email.getAttribute('aria-describedby')!)?.textContent).toBe('Un compte utilise déjà cette adresse e-mail.');
  });

  it('creates the account and shows its temporary password once, with a copy button', async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    const created = user({ id: '00000000-0000-4000-8000-0000000000c3', name: 'Awa Keïta', email: 'awa@nrc.no', regions: ['ML05'] });
    const api = fakeApi(routes(() => ({ status: 201, body: { user: created, temporaryPassword: 'Kx7-pq92-Lm4' } })));
    await openInviteForm();
    fireEvent.change(screen.getByLabelText('Nom complet'), { target: { value: '  Awa Keïta ' } });
    fireEvent.change(screen.getByLabelText('Adresse e-mail'), { target: { value: 'Awa@NRC.no' } });
    fireEvent.change(screen.getByLabelText('Rôle'), { target: { value: 'partner' } });
    fireEvent.change(screen.getByLabelText('Organisation'), { target: { value: ids.nrc } });
    fireEvent.click(screen.getByRole('checkbox', { name: 'Mopti (ML05)' }));
    fireEvent.click(screen.getByRole('button', { name: 'Créer le compte' }));

    expect(await screen.findByRole('heading', { name: 'Mot de passe temporaire' })).toBeTruthy();
    expect(screen.getByText('Kx7-pq92-Lm4')).toBeTruthy();
    // What was sent is what the schema produced: trimmed name, lower-case address.
    expect(api.calls('POST', '/api/v1/users')[0]?.body).toEqual({
      name: 'Awa Keïta',
      email: 'awa@nrc.no',
      role: 'partner',
      organisationId: ids.nrc,
      regions: ['ML05'],
      language: 'fr',
    });
    fireEvent.click(screen.getByRole('button', { name: 'Copier le mot de passe' }));
    expect(await screen.findByText('Copié dans le presse-papiers.')).toBeTruthy();
    expect(writeText).toHaveBeenCalledWith('Kx7-pq92-Lm4');

    fireEvent.click(screen.getByRole('button', { name: 'Inviter une autre personne' }));
    expect(screen.queryByText('Kx7-pq92-Lm4')).toBeNull();
  });
});
