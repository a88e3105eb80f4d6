// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { HarmonisedMethod, MethodAttachmentList } from '../../../shared/contracts/packages.ts';
import { fakeApi, meRoute, problem } from '../../test/fake-api.ts';
import { renderApp } from '../../test/render.tsx';
import { coordinatorUser, viewerUser } from '../alerts/alert-fixtures.ts';

const methodId = '00000000-0000-4000-8000-0000000000f1';
const attachmentId = '00000000-0000-4000-8000-0000000000f2';

function method(overrides: Partial<HarmonisedMethod> = {}): HarmonisedMethod {
  return {
    id: methodId,
    seriesId: methodId,
    sector: 'eha',
    name: 'Distribution des kits d’hygiène',
    revision: 1,
    phase: 'rrm',
    status: 'proposed',
    references: null,
    endorsement: null,
    proposedAt: '2026-04-01T08:00:00.000Z',
    supersededAt: null,
    author: 'Moussa Coulibaly',
    createdAt: '2026-03-30T08:00:00.000Z',
    updatedAt: '2026-04-01T08:00:00.000Z',
    version: 2,
    can: { edit: true, propose: false, endorse: true, revise: false },
    methodType: 'distribution',
    description: null,
    documentUrl: null,
    ...overrides,
  };
}

const note = { id: attachmentId, fileName: 'Note EHA.pdf', size: 2_400_000, uploadedAt: '2026-04-01T09:00:00.000Z', uploadedBy: 'Moussa Coulibaly' };

function methodRoutes(attachments: () => MethodAttachmentList, current: () => HarmonisedMethod = () => method()) {
  return {
    [`GET /api/v1/methods/${methodId}`]: () => ({ body: current() }),
    [`GET /api/v1/methods/${methodId}/versions`]: () => ({ body: { items: [current()] } }),
    [`GET /api/v1/methods/${methodId}/attachments`]: () => ({ body: attachments() }),
  };
}

describe('method documents', () => {
  it('lists the PDFs of the version for download, without any change for a reader', async () => {
    fakeApi({ ...meRoute(viewerUser), ...methodRoutes(() => ({ items: [{ ...note, uploadedBy: null }], canChange: false, maxMegabytes: 10 })) });
    await renderApp(`/methods/${methodId}`);
    const section = await screen.findByRole('region', { name: 'Documents de la méthode (PDF)' });
    const link = await within(section).findByRole('link', { name: 'Note EHA.pdf' });
    expect(link.getAttribute('href')).toBe(`/api/v1/methods/${methodId}/attachments/${attachmentId}`);
    expect(section.textContent).toContain('2,3\u202fMo');
    expect(within(section).queryByLabelText('Joindre un PDF')).toBeNull();
    expect(within(section).queryByRole('button')).toBeNull();
  });

  it('lets the coordinator attach a PDF, says clearly when the file is not one, and remove one', async () => {
    let items = [note];
    let refuse = true;
    const api = fakeApi({
      ...meRoute(coordinatorUser),
      ...methodRoutes(() => ({ items, canChange: true, maxMegabytes: 10 })),
      [`POST /api/v1/methods/${methodId}/attachments`]: () => {
        if (refuse) {
          refuse = false;
          return problem(
            400,
            'method_attachment_not_pdf',
            "Ce fichier n'est pas un PDF (son contenu ne l'est pas, quel que soit son nom) : seules des pièces jointes PDF sont acceptées.",
          );
        }
        const created = { ...note, id: '00000000-0000-4000-8000-0000000000f3', fileName: 'Fiche de suivi.pdf', size: 30_000 };
        items = [...items, created];
        return { status: 201, body: created };
      },
      [`DELETE /api/v1/methods/${methodId}/attachments/${attachmentId}`]: () => {
        items = items.filter((a) => a.id !== attachmentId);
        return { status: 204 };
      },
    });
    await renderApp(`/methods/${methodId}`);
    const section = await screen.findByRole('region', { name: 'Documents de la méthode (PDF)' });
    const input = await within(section).findByLabelText('Joindre un PDF');
    expect(section.textContent).toContain('10\u202fMo au plus');

    fireEvent.change(input, { target: { files: [new File(['PK'], 'classeur.pdf', { type: 'application/pdf' })] } });
    expect(await within(section).findByText(/n'est pas un PDF/)).toBeTruthy();
    fireEvent.change(input, { target: { files: [new File(['%PDF-1.4'], 'Fiche de suivi.pdf', { type: 'application/pdf' })] } });
    expect((await within(section).findByRole('status')).textContent).toBe('Document «\u202fFiche de suivi.pdf\u202f» joint.');
    expect(await within(section).findByRole('link', { name: 'Fiche de suivi.pdf' })).toBeTruthy();
    expect(api.calls('POST', `/api/v1/methods/${methodId}/attachments`)).toHaveLength(2);
    expect(api.calls('POST', `/api/v1/methods/${methodId}/attachments`)[1]?.body).toBeInstanceOf(FormData);

    fireEvent.click(within(section).getByRole('button', { name: 'Retirer Note EHA.pdf' }));
    expect(await within(section).findByText('Document retiré.')).toBeTruthy();
    await waitFor(() => expect(within(section).queryByRole('link', { name: 'Note EHA.pdf' })).toBeNull());
  });
});

describe('endorsement', () => {
  it('lets the coordinator cite the meeting decision that endorsed, taking its meeting’s date', async () => {
    const decisionId = '00000000-0000-4000-8000-0000000000f4';
    const meetingId = '00000000-0000-4000-8000-0000000000f5';
    const api = fakeApi({
      ...meRoute(coordinatorUser),
      ...methodRoutes(() => ({ items: [], canChange: true, maxMegabytes: 10 })),
      'GET /api/v1/packages/endorsement-decisions': () => ({
        body: {
          items: [
            {
              id: decisionId,
              number: 3,
              text: 'Le cluster EHA valide la méthode de distribution des kits.',
              meeting: { id: meetingId, title: 'Cluster EHA — mai', date: '2026-05-12' },
            },
          ],
        },
      }),
      [`POST /api/v1/methods/${methodId}/endorse`]: () => ({
        body: method({
          status: 'endorsed',
          version: 3,
          endorsement: {
            by: 'cluster',
            on: '2026-05-12',
            decision: { id: decisionId, number: 3, meetingId, meetingTitle: 'Cluster EHA — mai', meetingDate: '2026-05-12' },
            recordedBy: 'Moussa Coulibaly',
          },
        }),
      }),
    });
    await renderApp(`/methods/${methodId}`);
    fireEvent.click(await screen.findByRole('button', { name: 'Enregistrer la validation' }));
    const dialog = await screen.findByRole('dialog', { name: 'Enregistrer la validation' });
    const select = within(dialog).getByLabelText(/Décision de réunion/);
    const option = await within(dialog).findByRole('option', { name: /Cluster EHA — mai — décision n°.3.: Le cluster EHA valide/ });
    expect(within(dialog).getByRole('option', { name: 'Aucune décision liée' })).toBeTruthy();
    fireEvent.change(select, { target: { value: option.getAttribute('value') } });
    expect(within(dialog).getByLabelText<HTMLInputElement>('Date de la validation').value).toBe('2026-05-12');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enregistrer la validation' }));
    await waitFor(() => expect(api.calls('POST', `/api/v1/methods/${methodId}/endorse`)).toHaveLength(1));
    expect(api.calls('POST', `/api/v1/methods/${methodId}/endorse`)[0]?.body).toEqual({
      version: 2,
      endorsedBy: 'cluster',
      endorsedOn: '2026-05-12',
      decisionId,
    });
  });
});
