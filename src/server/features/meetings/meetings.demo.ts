import { randomUUID } from 'node:crypto';
import { type Agenda, actionPointUpdate, type MeetingInput, type MeetingValues, meetingInput } from '../../../shared/contracts/meetings.ts';
import { addDays, todayIso } from '../../../shared/phases.ts';
import { type Sector, sectorLabels } from '../../../shared/sectors.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { ActionPointsService } from './action-points.service.ts';
import type { DecisionsService } from './decisions.service.ts';
import type { MeetingsRepository } from './meetings.repository.ts';
import type { MeetingsService } from './meetings.service.ts';

const mopti = 'ML05';

interface DemoServices {
  meetings: MeetingsService;
  decisions: DecisionsService;
  actionPoints: ActionPointsService;
}

/** The first gaps an agenda lists (upcoming first), to hang the demo's decisions and action points on. */
function gapsOf(agenda: Agenda): { localityId: string; locality: string; sector: Sector }[] {
  return agenda.items
    .filter((item) => item.kind === 'upcoming_gaps' || item.kind === 'top_gaps')
    .flatMap((item) => item.entries)
    .flatMap((entry) => (entry.locality && entry.sector ? [{ localityId: entry.locality.id, locality: entry.locality.name, sector: entry.sector }] : []));
}

/**
 * The demo's coordination: last month's Mopti GIAC and national post-RRM meeting with published
 * minutes (decisions, action points done, open and overdue), and the next Mopti GIAC planned for
 * next week with its agenda filled from the data. Written through the services, as the regional
 * and national coordinators would, so agendas, search keys and audit are those of real use.
 */
export async function seedDemoMeetings(services: DemoServices, repository: MeetingsRepository): Promise<void> {
  const accounts = await repository.demoActors(['regional@demo.relais', 'coordinator@demo.relais', 'partner@demo.relais']);
  const regional = accounts.get('regional@demo.relais');
  const national = accounts.get('coordinator@demo.relais');
  const partner = accounts.get('partner@demo.relais');
  const organisations = await repository.organisationIdsByAcronym(['DNDS', 'OCHA', 'NRC', 'IRC', 'ACTED', 'PAM', 'UNICEF', 'REACH']);
  if (!regional || !national || !partner || organisations.size < 8) return;
  const org = (acronym: string) => organisations.get(acronym)!;
  const as = (user: ServiceContext['user']): ServiceContext => ({ user, requestId: `demo-${randomUUID()}` });
  const today = todayIso();
  const invited = (acronyms: string[], present: boolean | null = null) => acronyms.map((acronym) => ({ organisationId: org(acronym), present }));

  // Parsed as the API would parse a coordinator's form, defaults included.
  const base = (values: Omit<MeetingInput, 'startTime' | 'endTime'> & Partial<Pick<MeetingInput, 'startTime' | 'endTime'>>): MeetingValues =>
    meetingInput.parse({ startTime: '09:00', endTime: '11:00', ...values });

  // Last month's GIAC in Mopti: held, minutes published, three action points (one done, one overdue, one open).
  const pastGiac = await services.meetings.create(
    as(regional),
    base({
      level: 'regional',
      regions: [mopti],
      title: 'GIAC Mopti — réunion mensuelle',
      date: addDays(today, -28),
      place: 'Gouvernorat de Mopti, salle de réunion',
      chairOrganisationId: org('DNDS'),
      chairName: regional.name,
      participants: invited(['DNDS', 'OCHA', 'NRC', 'IRC', 'PAM', 'UNICEF'], true),
    }),
  );
  const giacAgenda = await services.meetings.agenda(as(regional), pastGiac.id);
  const giacGaps = gapsOf(giacAgenda);
  const firstItem = giacAgenda.items.find((item) => item.kind === 'upcoming_gaps') ?? giacAgenda.items[0]!;
  await services.meetings.updateNotes(as(regional), pastGiac.id, firstItem.id, {
    notes: 'Les sorties RRM du mois laissent plusieurs localités sans relais.\n\n- NRC confirme une capacité **abris** à Bandiagara.\n- Le PAM attend la validation de son pipeline pour le mois prochain.',
    version: firstItem.version,
  });
  const gap = giacGaps[0];
  const secondGap = giacGaps[1] ?? gap;
  const decision = await services.decisions.create(as(regional), pastGiac.id, {
    text: gap ? `NRC prend le relais (${sectorLabels[gap.sector].fr}) à ${gap.locality} dès la sortie du RRM.` : 'Les partenaires post-RRM se répartissent les sorties RRM du mois.',
    agendaItemId: firstItem.id,
    localityId: gap?.localityId ?? null,
    sector: gap?.sector ?? null,
    alertId: null,
  });
  await services.decisions.create(as(regional), pastGiac.id, {
    text: 'Les listes de bénéficiaires des distributions du mois sont partagées avec la DNDS avant la prochaine réunion.',
    agendaItemId: null,
    localityId: null,
    sector: null,
    alertId: null,
  });
  const giacPoints = [
    { title: 'Partager le plan de relais et la date de démarrage', owner: 'NRC', ownerUserId: partner.id, due: -14, status: 'done' as const, concern: gap, decisionId: decision.id },
    { title: 'Évaluer la capacité restante et la communiquer au GIAC', owner: 'IRC', ownerUserId: null, due: -3, status: 'open' as const, concern: secondGap, decisionId: null },
    { title: 'Mettre à jour la matrice 5W du mois écoulé', owner: 'NRC', ownerUserId: partner.id, due: 5, status: 'open' as const, concern: undefined, decisionId: null },
  ];
  for (const point of giacPoints) {
    const created = await services.actionPoints.create(as(regional), {
      meetingId: pastGiac.id,
      title: point.title,
      ownerOrganisationId: org(point.owner),
      ownerUserId: point.ownerUserId,
      ownerName: null,
      dueDate: addDays(today, point.due),
      agendaItemId: null,
      decisionId: point.decisionId,
      localityId: point.concern?.localityId ?? null,
      sector: point.concern?.sector ?? null,
      alertId: null,
    });
    if (point.status === 'done') await services.actionPoints.update(as(regional), created.id, actionPointUpdate.parse({ status: 'done', statusNote: 'Plan partagé par courriel le lendemain.', version: created.version }));
  }
  const held = await services.meetings.setStatus(as(regional), pastGiac.id, { status: 'held', version: (await services.meetings.get(as(regional), pastGiac.id)).version, reason: null });
  await services.meetings.setStatus(as(regional), pastGiac.id, { status: 'minutes_published', version: held.version, reason: null });

  // Two weeks ago, the national post-RRM meeting: one overdue action point for REACH.
  const pastNational = await services.meetings.create(
    as(national),
    base({
      level: 'national',
      title: 'Réunion nationale post-RRM',
      date: addDays(today, -14),
      startTime: '10:00',
      endTime: '12:00',
      place: 'DNDS, Bamako',
      callLink: 'https://meet.example.org/post-rrm',
      chairOrganisationId: org('OCHA'),
      chairName: national.name,
      participants: invited(['DNDS', 'OCHA', 'ACTED', 'REACH', 'NRC', 'PAM', 'UNICEF'], true),
    }),
  );
  await services.decisions.create(as(national), pastNational.id, {
    text: 'REACH avance les évaluations multisectorielles des localités sorties du RRM sans évaluation prévue.',
    agendaItemId: null,
    localityId: null,
    sector: null,
    alertId: null,
  });
  await services.actionPoints.create(as(national), {
    meetingId: pastNational.id,
    title: 'Publier le calendrier des évaluations multisectorielles du trimestre',
    ownerOrganisationId: org('REACH'),
    ownerUserId: null,
    ownerName: 'Chargé d’évaluation REACH',
    dueDate: addDays(today, -2),
    agendaItemId: null,
    decisionId: null,
    localityId: null,
    sector: null,
    alertId: null,
  });
  const nationalHeld = await services.meetings.setStatus(as(national), pastNational.id, { status: 'held', version: (await services.meetings.get(as(national), pastNational.id)).version, reason: null });
  await services.meetings.setStatus(as(national), pastNational.id, { status: 'minutes_published', version: nationalHeld.version, reason: null });

  // Next week's GIAC: planned, its agenda filled from the data (the open action points carried in).
  await services.meetings.create(
    as(regional),
    base({
      level: 'regional',
      regions: [mopti],
      title: 'GIAC Mopti — réunion mensuelle',
      date: addDays(today, 7),
      place: 'Gouvernorat de Mopti, salle de réunion',
      chairOrganisationId: org('DNDS'),
      chairName: regional.name,
      participants: invited(['DNDS', 'OCHA', 'NRC', 'IRC', 'PAM', 'UNICEF']),
    }),
  );
}
