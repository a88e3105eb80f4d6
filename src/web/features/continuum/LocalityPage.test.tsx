// @vitest-environment happy-dom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LocalityContinuum } from '../../../shared/contracts/alerts.ts';
import type { Handover } from '../../../shared/contracts/handovers.ts';
import { ids } from '../../test/fixtures.ts';
import { fakeApi, meRoute } from '../../test/fake-api.ts';
import { renderApp } from '../../test/render.tsx';
import { alertIds, continuum, coordinatorUser, sevare } from '../alerts/alert-fixtures.ts';

const shock: LocalityContinuum['shocks'][number] = {
  alert: {
    id: alertIds.alert,
    code: 'ALR-2026-0003',
    shockType: 'flood',
    shockDate: '2026-01-10',
    alertDate: '2026-01-12',
    validatedOn: '2026-01-20',
    status: 'responded',
    households: 404,
    persons: 2100,
    populationGroup: 'idp',
  },
  phase: 'rrm',
  month: 3,
  rrmEndsOn: '2026-04-09',
  postRrmFrom: '2026-04-10',
  resilienceFrom: '2027-01-10',
  rrmDaysLeft: 25,
  rrmLate: false,
  segments: [
    { phase: 'alerte', from: '2026-01-10', to: '2026-01-19' },
    { phase: 'rrm', from: '2026-01-20', to: '2026-04-09' },
    { phase: 'post_rrm', from: '2026-04-10', to: '2027-01-09' },
    { phase: 'resilience', from: '2027-01-10', to: null },
  ],
  handover: null,
};

function response(sector: 'eha' | 'secal', start: string, end: string): LocalityContinuum['responses'][number] {
  return {
    kind: 'rrm',
    id: sector === 'eha' ? alertIds.rrmOwn : alertIds.rrmOther,
    alertId: alertIds.alert,
    organisation: { id: ids.nrc, acronym: 'NRC', name: 'Conseil norvégien pour les réfugiés' },
    sector,
    package: null,
    start,
    end,
    householdsReached: 300,
    personsReached: 1500,
    modality: 'in_kind',
  };
}

const data = (at: string) =>
  continuum({
    at,
    shocks: [shock],
    responses: [response('eha', '2026-01-25', '2026-02-28'), response('secal', '2026-02-01', '2026-03-31')],
    figures: {
      displacedHouseholds: 404,
      displacedPersons: 2100,
      reachedHouseholdsBySector: [
        { sector: 'eha', households: 300, postRrmHouseholds: 0 },
        { sector: 'secal', households: 280, postRrmHouseholds: 120 },
      ],
    },
  });

function rect(svg: SVGElement, selector: string) {
  const element = svg.querySelector(selector)!;
  return { x: Number(element.getAttribute('x')), width: Number(element.getAttribute('width')) };
}

describe('locality continuum page', () => {
  beforeEach(() => {
    // "Today" is part of the drawing: fix it, and only it (timers stay real for the page's requests).
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-06-01T10:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('shades each phase over its dates and marks the phase the shock is in at the chosen date', async () => {
    const api = fakeApi({
      ...meRoute(coordinatorUser),
      [`GET /api/v1/localities/${alertIds.locality}/continuum`]: (request) => ({ body: data(request.query.get('at') ?? '2026-06-01') }),
    });
    const { location } = await renderApp(`/localities/${alertIds.locality}?at=2026-03-15`);
    const svg = (await screen.findByRole('img', { name: /Continuum de Sévaré/ })) as unknown as SVGElement;
    expect(api.calls('GET', `/api/v1/localities/${alertIds.locality}/continuum`)[0]?.query.get('at')).toBe('2026-03-15');

    // Domain: 1 Jan 2026 (month of the shock) to 1 Mar 2027 (two months after resilience starts): 424 days over x 228–988.
    expect(svg.getAttribute('data-from')).toBe('2026-01-01');
    expect(svg.getAttribute('data-to')).toBe('2027-03-01');
    const x = (days: number) => 228 + (760 * days) / 424;
    const rrm = rect(svg, '[data-phase="rrm"] rect');
    expect(rrm.x).toBeCloseTo(x(19), 6); // 20 January
    expect(rrm.x + rrm.width).toBeCloseTo(x(99), 6); // end of 9 April
    const alerte = rect(svg, '[data-phase="alerte"] rect');
    expect(alerte.x).toBeCloseTo(x(9), 6); // 10 January, the shock
    expect(alerte.x + alerte.width).toBeCloseTo(rrm.x, 6);
    expect(rect(svg, '[data-phase="post_rrm"] rect').x).toBeCloseTo(x(99), 6);

    const current = [...svg.querySelectorAll('.segment.current')].map((g) => g.getAttribute('data-phase'));
    expect(current).toEqual(['rrm']);
    const atLine = Number(svg.querySelector('.line-at line')!.getAttribute('x1'));
    const todayLine = Number(svg.querySelector('.line-today line')!.getAttribute('x1'));
    expect(atLine).toBeCloseTo(x(73), 6); // 15 March
    expect(todayLine).toBeCloseTo(x(151), 6); // 1 June
    expect(svg.querySelectorAll('.response-bar')).toHaveLength(2);

    // Figures per sector, never a total across sectors; the RRM and the post-RRM running side by side.
    const reached = screen.getByRole('table', { name: 'Ménages atteints par secteur' });
    const cells = within(reached)
      .getAllByRole('row')
      .map((r) => [...r.children].map((c) => c.textContent));
    expect(cells).toEqual([
      ['Secteur', 'RRM (cumul des chocs)', 'Post-RRM en cours'],
      ['EHA (eau, hygiène, assainissement)', '300', '0'],
      ['Sécurité alimentaire', '280', '120'],
    ]);
    const shocks = screen.getByRole('table', { name: 'Chocs de la localité et leur phase' });
    expect(within(shocks).getByRole('link', { name: 'ALR-2026-0003' }).getAttribute('href')).toBe(`/alerts/${alertIds.alert}`);
    expect(within(shocks).getByText('encore 25 jours')).toBeTruthy();

    // Another date moves the analysis: the post-RRM phase becomes the current one.
    fireEvent.change(screen.getByLabelText('Situation au'), { target: { value: '2026-05-01' } });
    await waitFor(() => expect(location.current).toBe(`/localities/${alertIds.locality}?at=2026-05-01`));
    await waitFor(() => expect([...svg.ownerDocument.querySelectorAll('.segment.current')].map((g) => g.getAttribute('data-phase'))).toEqual(['post_rrm']));
    expect(api.calls('GET', `/api/v1/localities/${alertIds.locality}/continuum`).at(-1)?.query.get('at')).toBe('2026-05-01');
  });

  it("shows each shock's handover on the timeline and in the table, and lets a coordinator open one early", async () => {
    const handoverId = '00000000-0000-4000-8000-0000000000f1';
    const older: LocalityContinuum['shocks'][number] = {
      ...shock,
      alert: { ...shock.alert, id: '00000000-0000-4000-8000-0000000000e1', code: 'ALR-2025-0001', shockDate: '2025-02-01', validatedOn: '2025-02-05' },
      phase: 'resilience',
      month: 17,
      resilienceFrom: '2026-02-01',
      handover: {
        id: handoverId,
        status: 'handed_over',
        overdue: false,
        dialogueOpenedOn: '2026-01-15',
        planAgreedOn: null,
        handedOverOn: '2026-03-02',
        notTakenUpOn: null,
        actors: [{ id: ids.dnds, acronym: 'GIZ', name: 'Coopération allemande' }],
      },
    };
    const opened: Handover = {
      id: '00000000-0000-4000-8000-0000000000f2',
      shock: { alertId: alertIds.alert, code: shock.alert.code, shockType: 'flood', shockDate: shock.alert.shockDate, households: 404, persons: 2100 },
      locality: sevare,
      status: 'not_started',
      month: 5,
      resilienceFrom: shock.resilienceFrom,
      overdue: false,
      dialogueOpenedOn: null,
      planAgreedOn: null,
      handedOverOn: null,
      notTakenUpOn: null,
      notTakenUpReason: null,
      actors: [],
      meeting: null,
      notes: null,
      recommendedActions: null,
      version: 1,
      updatedAt: '2026-06-01T10:00:00.000Z',
    };
    const api = fakeApi({
      ...meRoute(coordinatorUser),
      [`GET /api/v1/localities/${alertIds.locality}/continuum`]: () => ({ body: continuum({ at: '2026-06-01', shocks: [older, shock], responses: [] }) }),
      'POST /api/v1/handovers': () => ({ status: 201, body: opened }),
    });
    const { location } = await renderApp(`/localities/${alertIds.locality}`);
    const svg = (await screen.findByRole('img', { name: /Continuum de Sévaré/ })) as unknown as SVGElement;
    const flags = [...svg.querySelectorAll('.handover-step')].map((g) => [g.getAttribute('data-step'), g.getAttribute('data-on')]);
    expect(flags).toEqual([
      ['dialogue_opened', '2026-01-15'],
      ['handed_over', '2026-03-02'],
    ]);
    expect(svg.querySelector('.handover-steps')!.getAttribute('href')).toBe(`/handovers/${handoverId}`);
    expect(svg.querySelector('.handover-step title')!.textContent).toBe('Passation ALR-2025-0001 : Dialogue ouvert le 15 janv. 2026');

    const shocks = screen.getByRole('table', { name: 'Chocs de la localité et leur phase' });
    const rows = within(shocks).getAllByRole('row');
    expect(within(rows[1]!).getByRole('link', { name: 'Transférée' }).getAttribute('href')).toBe(`/handovers/${handoverId}`);
    expect(within(rows[1]!).getByText('Transférée le 2 mars 2026')).toBeTruthy();
    expect(within(rows[2]!).getByText('Aucune passation ouverte')).toBeTruthy();
    fireEvent.click(within(rows[2]!).getByRole('button', { name: 'Ouvrir la passation' }));
    await waitFor(() => expect(location.current).toBe('/handovers/00000000-0000-4000-8000-0000000000f2'));
    expect(api.calls('POST', '/api/v1/handovers')[0]?.body).toEqual({ alertId: alertIds.alert });
  });

  it('drops `at` from the URL when today is chosen again', async () => {
    fakeApi({
      ...meRoute(coordinatorUser),
      [`GET /api/v1/localities/${alertIds.locality}/continuum`]: (request) => ({ body: data(request.query.get('at') ?? '2026-06-01') }),
    });
    const { location } = await renderApp(`/localities/${alertIds.locality}?at=2026-03-15`);
    fireEvent.click(await screen.findByRole('button', { name: 'Revenir à aujourd’hui' }));
    await waitFor(() => expect(location.current).toBe(`/localities/${alertIds.locality}`));
    expect(await screen.findByRole('heading', { name: /Chiffres au 1 juin 2026/ })).toBeTruthy();
  });
});
