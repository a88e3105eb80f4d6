// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { SharingRequest, SharingRequestInput } from '../../../shared/contracts/lists.ts';
import { fakeApi, meRoute } from '../../test/fake-api.ts';
import { organisation, page, partnerUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import { sevare } from '../alerts/alert-fixtures.ts';

describe('sharing requests', () => {
  it('asks for the households of a locality and sector, whoever registered them, and lists the request', async () => {
    const sent: SharingRequest[] = [];
    const api = fakeApi({
      ...meRoute(partnerUser),
      'GET /api/v1/sharing-requests': () => ({ body: page(sent) }),
      'GET /api/v1/localities': (request) => ({
        body: page(request.query.get('q') === 'sev' ? [{ ...sevare, kind: 'town', lat: 14.5, lon: -4.1, version: 1 }] : []),
      }),
      'POST /api/v1/sharing-requests': (request) => {
        const body = request.body as SharingRequestInput;
        const created: SharingRequest = {
          id: '00000000-0000-4000-8000-00000000a001',
          code: 'PAR-2026-001',
          requester: organisation(),
          requestedBy: partnerUser.name,
          list: null,
          locality: sevare,
          sector: body.sector!,
          purpose: body.purpose,
          justification: body.justification,
          fields: body.fields,
          from: body.from,
          to: body.to,
          status: 'pending',
          active: false,
          decidedBy: null,
          decidedAt: null,
          decisionReason: null,
          createdAt: '2026-12-04T10:00:00.000Z',
          version: 1,
        };
        sent.push(created);
        return { status: 201, body: created };
      },
    });
    await renderApp('/lists/sharing');
    fireEvent.click(await screen.findByRole('button', { name: 'Demander les ménages d’une localité' }));
    const dialog = await screen.findByRole('dialog', { name: 'Demander les ménages d’une localité et d’un secteur' });

    fireEvent.change(within(dialog).getByRole('combobox', { name: /Localité/ }), { target: { value: 'sev' } });
    fireEvent.click(await within(dialog).findByRole('option', { name: /Sévaré/ }));
    fireEvent.change(within(dialog).getByLabelText(/Secteur/), { target: { value: 'abris_ame' } });
    fireEvent.change(within(dialog).getByLabelText(/Justification/), { target: { value: 'Éviter une double distribution de kits AME à Sévaré.' } });
    fireEvent.change(within(dialog).getByLabelText(/^Au/), { target: { value: '2027-03-31' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Envoyer la demande' }));

    expect(await screen.findByText('Demande envoyée au gardien des listes.')).toBeTruthy();
    const body = api.calls('POST', '/api/v1/sharing-requests')[0]!.body as SharingRequestInput;
    expect(body).toMatchObject({ localityId: sevare.id, sector: 'abris_ame', purpose: 'deduplication', fields: ['headName', 'phones'], to: '2027-03-31' });
    expect(body.listId).toBeUndefined();
    await waitFor(() => expect(screen.getByRole('table').textContent).toContain('Sévaré — Abris'));
  });
});
