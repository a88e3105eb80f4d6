// @vitest-environment happy-dom
import { fireEvent, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ListSummary, ProtocolView } from '../../../shared/contracts/lists.ts';
import { fakeApi, meRoute, problem } from '../../test/fake-api.ts';
import { organisation, partnerUser } from '../../test/fixtures.ts';
import { renderApp } from '../../test/render.tsx';
import type { WorkerAnswer, WorkerRequest } from './encode.worker.ts';

const key = 'une-cle-partagee-de-quarante-caracteres-au-moins';
const text = { fr: 'Protocole', en: 'Protocol' };
const protocol: ProtocolView = {
  version: '1.0',
  effectiveFrom: '2026-01-01',
  title: text,
  preamble: text,
  fields: [],
  purposes: ['deduplication'],
  defaultRetentionMonths: 24,
  access: [],
  commitments: [],
  encodedMode: [],
  ownAcceptance: {
    organisation: organisation(),
    version: '1.0',
    acceptedBy: partnerUser.name,
    signatoryName: 'Cheffe de mission',
    acceptedAt: '2026-11-01T10:00:00.000Z',
  },
  acceptances: [],
};
const list: ListSummary = {
  id: '00000000-0000-4000-8000-0000000000c1',
  code: 'LST-2026-0042',
  title: 'Kits AME encodés',
  organisation: organisation(),
  status: 'received',
  purpose: 'deduplication',
  legalBasis: 'consent',
  legalBasisNote: null,
  sensitivity: 'high',
  protocolVersion: '1.0',
  sectors: ['abris_ame'],
  assistanceFrom: null,
  assistanceTo: null,
  alertId: null,
  retentionUntil: '2028-11-01',
  rowCount: 2,
  householdCount: 2,
  localities: [],
  createdAt: '2026-12-01T10:00:00.000Z',
  purgedAt: null,
  version: 1,
  encoded: true,
};

/** The page's worker, answering as the real one would: what the page asks of it is recorded. */
const asked: WorkerRequest[] = [];
class FakeWorker {
  private listeners: ((event: { data: WorkerAnswer }) => void)[] = [];
  addEventListener(type: string, listener: (event: { data: WorkerAnswer }) => void) {
    if (type === 'message') this.listeners.push(listener);
  }
  postMessage(request: WorkerRequest) {
    asked.push(request);
    const answers: WorkerAnswer[] =
      request.type === 'read'
        ? [
            {
              type: 'read',
              sheet: 'Bénéficiaires',
              columns: [
                { key: 'fullName', header: 'Nom complet', letter: 'A' },
                { key: 'localityName', header: 'Localité', letter: 'B' },
              ],
              unknownColumns: ['Observations'],
              rows: 3,
              places: [{ localityName: 'Sévaré' }, { localityName: 'Nullepart' }],
            },
          ]
        : [
            { type: 'progress', done: 2, total: 2 },
            {
              type: 'encoded',
              content: '{"format":"relais-clk","scheme":"relais-clk-v2","keyFingerprint":"0123456789abcdef","records":[]}',
              keyFingerprint: '0123456789abcdef',
              households: 2,
              leftOut: { places: [{ place: 1, rows: 1 }], noPlace: 0, futureDate: 0 },
              encodingMs: 1234,
            },
          ];
    setTimeout(() => answers.forEach((data) => this.listeners.forEach((listener) => listener({ data }))), 0);
  }
  terminate() {}
}

afterEach(() => {
  asked.length = 0;
});

function api(upload: () => { status?: number; body?: unknown }) {
  return fakeApi({
    ...meRoute(partnerUser),
    'GET /api/v1/protocol': () => ({ body: protocol }),
    'GET /api/v1/lists/column-mappings': () => ({ body: { mappings: [{ header: 'Village', column: 'localityName' }], columns: [] } }),
    'POST /api/v1/lists/places': () => ({
      body: {
        places: [
          { pcode: 'ML050109007', name: 'Sévaré', problem: null },
          { pcode: null, name: null, problem: { code: 'place_unknown', message: 'Lieu inconnu', suggestions: [] } },
        ],
      },
    }),
    'POST /api/v1/lists/encoded': upload,
  });
}

async function fillIn() {
  await renderApp('/lists/encode');
  fireEvent.change(await screen.findByLabelText('Ou texte de la clé'), { target: { value: 'trop courte' } });
  expect(screen.getByText('La clé est trop courte : 32 caractères au moins.')).toBeTruthy();
  fireEvent.change(screen.getByLabelText('Ou texte de la clé'), { target: { value: key } });
  const file = new File(['x'], 'liste.xlsx');
  fireEvent.change(screen.getByLabelText('Fichier de la liste'), { target: { files: [file] } });
  expect(await screen.findByText('3 lignes lues')).toBeTruthy();
  expect(screen.getByText('Colonnes reconnues : Nom complet (A) et Localité (B).')).toBeTruthy();
  expect(asked[0]).toMatchObject({ type: 'read', mappings: [{ header: 'Village', column: 'localityName' }] });
  fireEvent.change(screen.getByLabelText(/Intitulé de la liste/), { target: { value: 'Kits AME encodés' } });
}

describe('the encoded list page', () => {
  it('resolves the places, has the worker encode with the key, and uploads the encodings only', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    const server = api(() => ({ status: 201, body: { list, alreadyUploaded: false, households: 2 } }));
    await fillIn();
    fireEvent.click(screen.getByRole('button', { name: 'Encoder et déposer' }));

    expect(await screen.findByText('Liste LST-2026-0042 déposée : 2 ménages reçus, sans aucun nom.')).toBeTruthy();
    expect(screen.getByText('Nullepart : 1 ligne')).toBeTruthy();
    expect(screen.getByText(/2 ménages encodés sur cet appareil en 1,2 s/)).toBeTruthy();
    expect(server.calls('POST', '/api/v1/lists/places')[0]!.body).toEqual({ places: [{ localityName: 'Sévaré' }, { localityName: 'Nullepart' }] });
    expect(asked[1]).toMatchObject({ type: 'encode', keyText: key, pcodes: ['ML050109007', null] });
    const upload = server.calls('POST', '/api/v1/lists/encoded')[0]!;
    expect(upload.query.get('title')).toBe('Kits AME encodés');
    expect((upload.body as FormData).get('file')).toBeInstanceOf(File);
    // The key went to the worker only: in no request.
    for (const request of server.requests) {
      expect(`${request.path}?${request.query.toString()}`).not.toContain(key);
      expect(typeof request.body === 'object' && !(request.body instanceof FormData) ? JSON.stringify(request.body) : '').not.toContain(key);
    }
    // Nor stored in the browser.
    expect(JSON.stringify({ ...localStorage, ...sessionStorage })).not.toContain(key);
  });

  it('shows the server’s refusal', async () => {
    vi.stubGlobal('Worker', FakeWorker);
    api(() => problem(422, 'encoded_looks_personal', 'Ce fichier ressemble à des données personnelles en clair, pas à des encodages.'));
    await fillIn();
    fireEvent.click(screen.getByRole('button', { name: 'Encoder et déposer' }));
    expect(await screen.findByText('Ce fichier ressemble à des données personnelles en clair, pas à des encodages.')).toBeTruthy();
  });
});
