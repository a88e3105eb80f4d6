import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ActionPoint, ActionPointPage, Agenda, Decision, Meeting, MeetingPage } from '../../../shared/contracts/meetings.ts';
import type { NotificationPage } from '../../../shared/contracts/gaps.ts';
import { todayIso } from '../../../shared/phases.ts';
import { mimePart } from '../../test/mime.ts';
import { pageImages, readPdf } from '../../test/pdf.ts';
import { startSmtpServer, subjectOf } from '../../test/smtp-server.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { createAlert, referenceIds, validateAlert } from '../../test/alerts.fixtures.ts';

/** The event of an .ics file, read by ical.js (Mozilla's iCalendar parser). */
function parseCalendar(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  const event = new ICAL.Event(vevent);
  return {
    method: calendar.getFirstPropertyValue('method'),
    version: calendar.getFirstPropertyValue('version'),
    prodId: calendar.getFirstPropertyValue('prodid'),
    uid: event.uid,
    summary: event.summary,
    start: event.startDate.toJSDate().toISOString(),
    end: event.endDate.toJSDate().toISOString(),
    location: event.location,
    description: event.description,
    sequence: event.sequence,
    status: vevent.getFirstPropertyValue('status'),
    // Calendar addresses are case-insensitive URIs: ical-generator writes MAILTO:.
    organizer: String(vevent.getFirstPropertyValue('organizer') ?? '').toLowerCase(),
    attendees: event.attendees.map((a) => String(a.getFirstValue()).toLowerCase()),
  };
}

describe.each(databaseKinds)('coordination meetings on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let regional: Session;
  let partner: Session;
  let coordinator: Session;
  let admin: Session;
  let dnds: string;
  let previous: Meeting;
  let giac: Meeting;
  let marchAlertId: string;
  const decisions: Decision[] = [];
  const points: ActionPoint[] = [];

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(kind, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Relais <relais@example.org>', PUBLIC_URL: 'https://relais.example.org' });
    ids = await referenceIds(t);
    [regional, partner, coordinator, admin] = await Promise.all([t.login('regional_coordinator'), t.login('partner'), t.login('coordinator'), t.login('admin')]);
    dnds = (await t.database.db.selectFrom('organisations').select('id').where('acronym', '=', 'DNDS').executeTakeFirstOrThrow()).id;
    // Mopti: the RRM's food assistance ends on 9 April and nothing takes over (an upcoming gap on the 10th).
    const alert = await createAlert(t, ids.mopti, {
      shockDate: '2026-01-10',
      alertDate: '2026-01-12',
      households: 300,
      persons: 1800,
      msaFindings: [{ sector: 'secal', need: true, householdsInNeed: 200, severity: 4 }],
    });
    await validateAlert(t, alert.id, '2026-01-15');
    const rrm = await t.request(coordinator, {
      method: 'POST',
      url: `/api/v1/alerts/${alert.id}/rrm-responses`,
      payload: { organisationId: ids.acted, sector: 'secal', startDate: '2026-01-20', endDate: '2026-04-09', householdsReached: 200, personsReached: 1200, modality: 'in_kind' },
    });
    expect(rrm.statusCode, rrm.body).toBe(201);
    // A new shock validated in March: since the last meeting.
    const march = await createAlert(t, ids.mopti, { shockDate: '2026-03-15', alertDate: '2026-03-16', households: 80, persons: 450 });
    await validateAlert(t, march.id, '2026-03-20');
    marchAlertId = march.id;
    // Bandiagara: health needs assessed, nobody responding; IRC declared capacity in the region.
    const assessed = await t.request(coordinator, {
      method: 'POST',
      url: '/api/v1/assessments',
      payload: { localityId: ids.bandiagara, kind: 'territorial', status: 'done', organisationId: ids.acted, startDate: '2026-02-01', endDate: '2026-02-15', results: [{ sector: 'sante', severity: 5, householdsInNeed: 400 }] },
    });
    expect(assessed.statusCode, assessed.body).toBe(201);
    const planned = await t.request(coordinator, {
      method: 'POST',
      url: '/api/v1/assessments',
      payload: { localityId: ids.bandiagara, kind: 'multisector', status: 'planned', organisationId: ids.acted, startDate: '2026-04-10' },
    });
    expect(planned.statusCode, planned.body).toBe(201);
    await t.database.db
      .insertInto('capacities')
      .values({ period: '2026-03-01', organisation_id: ids.irc, sector: 'sante', region_pcode: 'ML05', households: 500, funding_status: 'funded', contact_name: 'Awa Traoré' })
      .execute();
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const meetingPayload = (overrides: Record<string, unknown> = {}) => ({
    level: 'regional',
    title: 'GIAC Mopti — avril',
    regions: ['ML05'],
    date: '2026-04-02',
    startTime: '09:00',
    endTime: '12:30',
    place: 'Gouvernorat de Mopti, salle de réunion',
    callLink: 'https://meet.example.org/giac-mopti',
    chairOrganisationId: dnds,
    chairName: 'Fatoumata Diallo',
    participants: [
      { organisationId: ids.nrc },
      { organisationId: ids.irc },
      { organisationId: ids.acted, name: 'Awa Traoré', email: 'awa.traore@example.org' },
      { userId: regional.userId },
    ],
    ...overrides,
  });

  it('plans a meeting of the series in March, with an action point still open', async () => {
    const created = await t.request(regional, { method: 'POST', url: '/api/v1/meetings', payload: meetingPayload({ title: 'GIAC Mopti — mars', date: '2026-03-19' }) });
    expect(created.statusCode, created.body).toBe(201);
    previous = created.json();
    const point = await t.request(regional, {
      method: 'POST',
      url: '/api/v1/action-points',
      payload: { meetingId: previous.id, title: 'Partager la liste des ménages de Sévaré', ownerOrganisationId: dnds, dueDate: '2026-03-31' },
    });
    expect(point.statusCode, point.body).toBe(201);
    const held = await t.request(regional, { method: 'POST', url: `/api/v1/meetings/${previous.id}/status`, payload: { status: 'held', version: previous.version } });
    expect(held.statusCode, held.body).toBe(200);
  });

  it('plans next GIAC with its agenda filled from the data at its date, upcoming gaps first', async () => {
    const created = await t.request(regional, { method: 'POST', url: '/api/v1/meetings', payload: meetingPayload() });
    expect(created.statusCode, created.body).toBe(201);
    giac = created.json();
    expect(giac).toMatchObject({ level: 'regional', status: 'planned', regions: [{ pcode: 'ML05', name: 'Mopti' }], chairOrganisation: { acronym: 'DNDS' }, permissions: { manage: true, editAgenda: true } });
    expect(giac.participants.map((p) => p.organisation?.acronym)).toEqual(['NRC', 'IRC', 'ACTED', 'DNDS']);
    const agenda = giac.agenda;
    expect(agenda).toMatchObject({ at: '2026-04-02', since: '2026-03-19', sinceMeeting: { id: previous.id, title: 'GIAC Mopti — mars' } });
    expect(agenda.items.map((i) => i.kind)).toEqual(['upcoming_gaps', 'top_gaps', 'alerts', 'assessments', 'action_points', 'lists', 'custom']);

    const [upcoming] = agenda.items[0]!.entries;
    expect(upcoming).toMatchObject({ kind: 'gap', sector: 'secal', locality: { id: ids.mopti, name: 'Mopti' }, link: `/gaps/${ids.mopti}/secal` });
    expect(upcoming!.facts).toMatchObject({ on: '2026-04-10', gap: 200, need: 200, coverage: 0, rrmEnds: [{ organisation: 'ACTED', endDate: '2026-04-09' }] });
    const top = agenda.items[1]!.entries.find((e) => e.locality?.id === ids.bandiagara && e.sector === 'sante')!;
    expect(top.facts).toMatchObject({ gap: 400, need: 400, severity: 5, capacity: [{ organisation: 'IRC', left: 500 }] });
    expect(agenda.items[2]!.entries).toEqual([expect.objectContaining({ kind: 'alert', alertId: marchAlertId, link: `/alerts/${marchAlertId}`, facts: expect.objectContaining({ households: 80, date: '2026-03-20' }) })]);
    expect(agenda.items[3]!.entries.map((e) => [e.locality?.name, e.facts.assessmentKind, e.facts.status])).toEqual(
      expect.arrayContaining([
        ['Bandiagara', 'multisector', 'planned'],
      ]),
    );
    expect(agenda.items[4]!.entries).toEqual([
      expect.objectContaining({ kind: 'action_point', currentStatus: 'open', link: `/meetings/${previous.id}`, facts: expect.objectContaining({ label: 'Partager la liste des ménages de Sévaré', owner: 'DNDS', dueDate: '2026-03-31' }) }),
    ]);
    expect((await t.request(regional, { method: 'GET', url: `/api/v1/meetings/${giac.id}/agenda` })).json()).toEqual(agenda);

    const audit = await t.database.db.selectFrom('audit_events').select(['action', 'actor_id']).where('entity', '=', 'meeting').where('entity_id', '=', giac.id).execute();
    expect(audit).toEqual([{ action: 'create', actor_id: regional.userId }]);
  });

  it('lets regional coordinators run only their regions’ meetings, with clear errors', async () => {
    const national = await t.request(regional, { method: 'POST', url: '/api/v1/meetings', payload: meetingPayload({ level: 'national', regions: [] }) });
    expect(national.statusCode).toBe(403);
    expect((await t.request(regional, { method: 'POST', url: '/api/v1/meetings', payload: meetingPayload({ regions: ['ML04'] }) })).statusCode).toBe(403);
    const mixed = await t.request(coordinator, { method: 'POST', url: '/api/v1/meetings', headers: { 'accept-language': 'en' }, payload: meetingPayload({ level: 'national' }) });
    expect(mixed.statusCode).toBe(400);
    expect(mixed.json().errors).toEqual([{ path: 'body.regions', message: 'A regional meeting covers at least one region; a national meeting covers none in particular.' }]);
    const times = await t.request(coordinator, { method: 'POST', url: '/api/v1/meetings', payload: meetingPayload({ startTime: '14:00', endTime: '09:00' }) });
    expect(times.json().errors).toEqual([{ path: 'body.endTime', message: "L'heure de fin doit suivre l'heure de début." }]);
    const unknown = await t.request(coordinator, { method: 'POST', url: '/api/v1/meetings', payload: meetingPayload({ participants: [{ userId: '00000000-0000-4000-8000-000000000000' }] }) });
    expect(unknown.json()).toMatchObject({ status: 400, code: 'unknown_user' });
    expect((await t.request(partner, { method: 'POST', url: '/api/v1/meetings', payload: meetingPayload() })).statusCode).toBe(403);
  });

  it('shows a meeting to those who run it and those invited, and to nobody else', async () => {
    const invitedPartner = await t.request(partner, { method: 'GET', url: `/api/v1/meetings/${giac.id}` });
    expect(invitedPartner.statusCode).toBe(200);
    expect(invitedPartner.json().permissions).toEqual({ manage: false, writeMinutes: false, editAgenda: false });
    expect((await t.request(await t.login('viewer'), { method: 'GET', url: `/api/v1/meetings/${giac.id}` })).statusCode).toBe(404);
    const other = (await t.request(coordinator, { method: 'POST', url: '/api/v1/meetings', payload: meetingPayload({ level: 'national', regions: [], title: 'Réunion nationale post-RRM', participants: [] }) })).json<Meeting>();
    expect((await t.request(partner, { method: 'GET', url: `/api/v1/meetings/${other.id}` })).statusCode).toBe(404);
    expect((await t.request(regional, { method: 'GET', url: `/api/v1/meetings/${other.id}` })).statusCode).toBe(404);
    const partnerList = (await t.request(partner, { method: 'GET', url: '/api/v1/meetings' })).json<MeetingPage>();
    expect(partnerList.items.map((m) => m.title).sort()).toEqual(['GIAC Mopti — avril', 'GIAC Mopti — mars']);
    expect((await t.request(coordinator, { method: 'GET', url: '/api/v1/meetings' })).json().total).toBe(3);
    expect((await t.request(partner, { method: 'PUT', url: `/api/v1/meetings/${giac.id}`, payload: { ...meetingPayload(), version: giac.version } })).statusCode).toBe(403);
  });

  it('e-mails the invitation as an RFC 5545 .ics that a calendar parser reads', async () => {
    const file = await t.request(partner, { method: 'GET', url: `/api/v1/meetings/${giac.id}/invitation.ics?lang=fr` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('text/calendar; charset=utf-8');
    expect(file.body).toMatch(/^BEGIN:VCALENDAR\r\n/);
    const published = parseCalendar(file.body);
    expect(published).toMatchObject({
      method: 'PUBLISH',
      version: '2.0',
      uid: `meeting-${giac.id}@relais.example.org`,
      summary: 'GIAC Mopti — avril',
      start: '2026-04-02T09:00:00.000Z',
      end: '2026-04-02T12:30:00.000Z',
      location: 'Gouvernorat de Mopti, salle de réunion — https://meet.example.org/giac-mopti',
      status: 'CONFIRMED',
    });
    expect(published.description).toContain('1. Sorties du RRM et gaps à venir (30 prochains jours)');
    expect(published.description).toContain(`https://relais.example.org/meetings/${giac.id}`);

    const sent = await t.request(regional, { method: 'POST', url: `/api/v1/meetings/${giac.id}/invitations`, payload: { version: giac.version } });
    expect(sent.statusCode, sent.body).toBe(200);
    // NRC's and IRC's partner accounts, Awa Traoré by e-mail, the regional coordinator herself.
    expect(sent.json()).toMatchObject({ sent: 4, failed: [], withoutEmail: 0, notified: 3, emailEnabled: true });
    const mail = smtp.received.find((m) => m.to.includes('awa.traore@example.org'))!;
    expect(subjectOf(mail.raw)).toBe('Relais — Invitation : GIAC Mopti — avril — 2 avril 2026');
    const part = mimePart(mail.raw, 'text/calendar')!;
    expect(part.headers).toMatch(/method=REQUEST/i);
    const invitation = parseCalendar(part.body);
    expect(invitation).toMatchObject({ method: 'REQUEST', sequence: 0, organizer: 'mailto:relais@example.org', start: '2026-04-02T09:00:00.000Z' });
    expect(invitation.attendees).toEqual(expect.arrayContaining(['mailto:awa.traore@example.org', 'mailto:partner@demo.relais', 'mailto:regional@demo.relais']));
    const notice = (await t.request(partner, { method: 'GET', url: '/api/v1/notifications' })).json<NotificationPage>();
    expect(notice.items[0]).toMatchObject({ kind: 'meeting_invitation', link: `/meetings/${giac.id}` });

    // A second sending updates the event in calendars (same UID, higher SEQUENCE).
    giac = (await t.request(regional, { method: 'GET', url: `/api/v1/meetings/${giac.id}` })).json();
    const before = smtp.received.length;
    await t.request(regional, { method: 'POST', url: `/api/v1/meetings/${giac.id}/invitations`, payload: { version: giac.version } });
    const again = smtp.received.slice(before).find((m) => m.to.includes('awa.traore@example.org'))!;
    expect(parseCalendar(mimePart(again.raw, 'text/calendar')!.body)).toMatchObject({ uid: invitation.uid, sequence: 1 });
    giac = (await t.request(regional, { method: 'GET', url: `/api/v1/meetings/${giac.id}` })).json();
  });

  it('edits the agenda before the meeting and refuses a stale edit with 409', async () => {
    const items = giac.agenda.items;
    const topEntries = items[1]!.entries.map((e) => e.id);
    const update = {
      version: giac.version,
      items: [
        { id: items[0]!.id, entryIds: items[0]!.entries.map((e) => e.id) },
        { id: items[1]!.id, title: 'Gaps prioritaires de la région', entryIds: topEntries.slice(0, 1) },
        { title: 'Saison des pluies : plan de contingence', description: 'Point de la Protection civile.' },
        ...items.slice(2).map((i) => ({ id: i.id, entryIds: i.entries.map((e) => e.id), title: i.title })),
      ],
    };
    const saved = await t.request(regional, { method: 'PUT', url: `/api/v1/meetings/${giac.id}/agenda`, payload: update });
    expect(saved.statusCode, saved.body).toBe(200);
    const agenda = saved.json<Agenda>();
    expect(agenda.items.map((i) => i.title ?? i.kind)).toEqual(['upcoming_gaps', 'Gaps prioritaires de la région', 'Saison des pluies : plan de contingence', 'alerts', 'assessments', 'action_points', 'lists', 'custom']);
    expect(agenda.items[1]!.entries).toHaveLength(1);
    expect(agenda.version).toBe(giac.version + 1);

    const stale = await t.request(regional, { method: 'PUT', url: `/api/v1/meetings/${giac.id}/agenda`, payload: update });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'version_conflict', current: { version: agenda.version } });

    const refreshed = await t.request(regional, { method: 'POST', url: `/api/v1/meetings/${giac.id}/agenda/refresh`, payload: { version: agenda.version } });
    expect(refreshed.statusCode, refreshed.body).toBe(200);
    const kinds = (refreshed.json<Agenda>()).items.map((i) => i.title ?? i.kind);
    expect(kinds).toEqual(['upcoming_gaps', 'top_gaps', 'alerts', 'assessments', 'action_points', 'lists', 'Saison des pluies : plan de contingence', 'custom']);
    giac = (await t.request(regional, { method: 'GET', url: `/api/v1/meetings/${giac.id}` })).json();
  });

  it('records notes, two decisions and three action points during the meeting', async () => {
    const [first] = giac.agenda.items;
    const notes = await t.request(regional, {
      method: 'PUT',
      url: `/api/v1/meetings/${giac.id}/agenda/${first!.id}/notes`,
      payload: { version: first!.version, notes: '**ACTED** confirme la fin de la distribution le 9 avril.\n\n- NRC peut prendre le relais en mai\n- PAM à consulter <script>alert(1)</script>' },
    });
    expect(notes.statusCode, notes.body).toBe(200);
    expect((await t.request(regional, { method: 'PUT', url: `/api/v1/meetings/${giac.id}/agenda/${first!.id}/notes`, payload: { version: first!.version, notes: 'x' } })).statusCode).toBe(409);

    for (const payload of [
      { text: 'NRC prend le relais de l’assistance alimentaire à Mopti dès la fin du RRM.', agendaItemId: first!.id, localityId: ids.mopti, sector: 'secal' },
      { text: 'Le GIAC plaide auprès du cluster Santé pour Bandiagara.', localityId: ids.bandiagara, sector: 'sante' },
    ]) {
      const response = await t.request(regional, { method: 'POST', url: `/api/v1/meetings/${giac.id}/decisions`, payload });
      expect(response.statusCode, response.body).toBe(201);
      decisions.push(response.json());
    }
    expect(decisions.map((d) => d.number)).toEqual([1, 2]);
    expect(decisions[0]!.concern).toMatchObject({ locality: { name: 'Mopti' }, sector: 'secal' });

    const partnerUser = partner.userId;
    for (const payload of [
      { title: 'Planifier la distribution de mai à Mopti', ownerOrganisationId: ids.nrc, ownerUserId: partnerUser, dueDate: '2026-04-20', decisionId: decisions[0]!.id, localityId: ids.mopti, sector: 'secal' },
      { title: 'Déployer une clinique mobile à Bandiagara', ownerOrganisationId: ids.irc, ownerName: 'Dr Keïta', dueDate: '2099-05-15', localityId: ids.bandiagara, sector: 'sante' },
      { title: 'Vérifier les ménages de l’alerte de mars', ownerOrganisationId: dnds, dueDate: '2026-04-10', alertId: marchAlertId },
    ]) {
      const response = await t.request(regional, { method: 'POST', url: '/api/v1/action-points', payload: { meetingId: giac.id, ...payload } });
      expect(response.statusCode, response.body).toBe(201);
      points.push(response.json());
    }
    expect(points.map((p) => [p.number, p.ownerOrganisation.acronym, p.decision?.number ?? null])).toEqual([
      [1, 'NRC', 1],
      [2, 'IRC', null],
      [3, 'DNDS', null],
    ]);
    expect(points[2]).toMatchObject({ concern: { alert: { id: marchAlertId } }, overdue: '2026-04-10' < todayIso() });

    const wrongOwner = await t.request(regional, { method: 'POST', url: '/api/v1/action-points', payload: { meetingId: giac.id, title: 'x', ownerOrganisationId: ids.irc, ownerUserId: partnerUser, dueDate: '2026-04-20' } });
    expect(wrongOwner.json()).toMatchObject({ status: 400, code: 'owner_not_in_organisation' });
    const noSector = await t.request(regional, { method: 'POST', url: '/api/v1/action-points', payload: { meetingId: giac.id, title: 'x', ownerOrganisationId: ids.irc, dueDate: '2026-04-20', sector: 'sante' } });
    expect(noSector.statusCode).toBe(400);
    expect((await t.request(partner, { method: 'POST', url: '/api/v1/action-points', payload: { meetingId: giac.id, title: 'x', ownerOrganisationId: ids.nrc, dueDate: '2026-04-20' } })).statusCode).toBe(403);

    const audited = await t.database.db.selectFrom('audit_events').select('entity').where('entity_id', 'in', [...points.map((p) => p.id), ...decisions.map((d) => d.id)]).execute();
    expect(audited).toHaveLength(5);
  });

  it('puts the action points on their owner’s home page and on the gap page', async () => {
    const mine = (await t.request(partner, { method: 'GET', url: '/api/v1/action-points?owner=me&status=open' })).json<ActionPointPage>();
    expect(mine.items.map((p) => p.title)).toEqual(['Planifier la distribution de mai à Mopti']);
    expect(mine.items[0]).toMatchObject({ canUpdateStatus: true, canEdit: false, meeting: { id: giac.id } });
    const dnds = (await t.request(regional, { method: 'GET', url: '/api/v1/action-points?owner=me' })).json<ActionPointPage>();
    expect(dnds.items.map((p) => p.title)).toEqual(['Partager la liste des ménages de Sévaré', 'Vérifier les ménages de l’alerte de mars']);
    const gap = (await t.request(await t.login('viewer'), { method: 'GET', url: `/api/v1/action-points?localityId=${ids.mopti}&sector=secal` })).json<ActionPointPage>();
    expect(gap.total).toBe(0);
    const gapForPartner = (await t.request(partner, { method: 'GET', url: `/api/v1/action-points?localityId=${ids.mopti}&sector=secal` })).json<ActionPointPage>();
    expect(gapForPartner.items.map((p) => p.number)).toEqual([1]);
    const byAlert = (await t.request(regional, { method: 'GET', url: `/api/v1/action-points?alertId=${marchAlertId}` })).json<ActionPointPage>();
    expect(byAlert.items.map((p) => p.number)).toEqual([3]);
  });

  it('lets a gap follow-up cite the meeting decision that led to it, only one about that locality', async () => {
    const url = `/api/v1/gaps/${ids.mopti}/secal/follow-ups`;
    const otherLocality = await t.request(regional, { method: 'POST', url, payload: { status: 'advocated', comment: 'Relais NRC.', decisionId: decisions[1]!.id } });
    expect(otherLocality.statusCode).toBe(400);
    expect(otherLocality.json().code).toBe('decision_not_about_locality');
    const cited = await t.request(regional, { method: 'POST', url, payload: { status: 'taken_up', comment: 'NRC prend le relais.', organisationId: ids.nrc, decisionId: decisions[0]!.id } });
    expect(cited.statusCode, cited.body).toBe(201);
    expect(cited.json().decision).toEqual({ id: decisions[0]!.id, number: 1, meeting: { id: giac.id, title: giac.title, date: giac.date } });
    const history = (await t.request(regional, { method: 'GET', url })).json();
    expect(history.items[0].decision).toMatchObject({ id: decisions[0]!.id, number: 1 });
    const about = (await t.request(regional, { method: 'GET', url: `/api/v1/meetings/decisions?localityId=${ids.mopti}&sector=secal` })).json();
    expect(about.items.map((d: { id: string }) => d.id)).toEqual([decisions[0]!.id]);
  });

  it('reminds owners before the due date and when overdue, in the app and by e-mail, once', async () => {
    const before = smtp.received.length;
    const run = await t.request(admin, { method: 'POST', url: '/api/v1/meetings/reminders/run?at=2026-04-18' });
    expect(run.statusCode, run.body).toBe(200);
    // AP-1 (NRC, due on the 20th): its owner. AP-3 (DNDS, due on the 10th) and March's AP-1 (DNDS, due 31 March), overdue:
    // DNDS's three accounts (administrator, regional coordinator, custodian), the organiser being one of them.
    expect(run.json()).toEqual({ at: '2026-04-18', notifications: 7, emailed: 7, emailFailures: 0 });
    const partnerNotices = (await t.request(partner, { method: 'GET', url: '/api/v1/notifications' })).json<NotificationPage>();
    expect(partnerNotices.items[0]).toMatchObject({ kind: 'action_point_due', title: 'Point d’action AP-1 à échéance : Planifier la distribution de mai à Mopti', link: `/meetings/${giac.id}`, localityId: ids.mopti, sector: 'secal' });
    const regionalNotices = (await t.request(regional, { method: 'GET', url: '/api/v1/notifications' })).json<NotificationPage>();
    expect(regionalNotices.items.filter((n) => n.kind === 'action_point_overdue').map((n) => n.title).sort()).toEqual([
      'Point d’action AP-1 en retard : Partager la liste des ménages de Sévaré',
      'Point d’action AP-3 en retard : Vérifier les ménages de l’alerte de mars',
    ]);
    const mail = smtp.received.slice(before).find((m) => m.to.includes('partner@demo.relais'))!;
    expect(mail.raw).toContain(`https://relais.example.org/meetings/${giac.id}`);
    expect((await t.request(admin, { method: 'POST', url: '/api/v1/meetings/reminders/run?at=2026-04-19' })).json()).toMatchObject({ notifications: 0, emailed: 0 });
    expect((await t.request(regional, { method: 'POST', url: '/api/v1/meetings/reminders/run' })).statusCode).toBe(403);
  });

  it('lets owners report progress; only the meeting’s managers change the rest; 409 on stale edits', async () => {
    const [first] = points;
    const foreign = await t.request(partner, { method: 'PATCH', url: `/api/v1/action-points/${first!.id}`, payload: { version: first!.version, title: 'Autre chose' } });
    expect(foreign.statusCode).toBe(403);
    const done = await t.request(partner, { method: 'PATCH', url: `/api/v1/action-points/${first!.id}`, payload: { version: first!.version, status: 'done', statusNote: 'Distribution planifiée avec le PAM.' } });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ status: 'done', statusNote: 'Distribution planifiée avec le PAM.', closedAt: expect.any(String), overdue: false, version: first!.version + 1 });
    const stale = await t.request(regional, { method: 'PATCH', url: `/api/v1/action-points/${first!.id}`, payload: { version: first!.version, dueDate: '2026-04-30' } });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().current).toMatchObject({ status: 'done' });
    const ircPoint = points[1]!;
    expect((await t.request(partner, { method: 'PATCH', url: `/api/v1/action-points/${ircPoint.id}`, payload: { version: ircPoint.version, status: 'done' } })).statusCode).toBe(403);
    const moved = await t.request(regional, { method: 'PATCH', url: `/api/v1/action-points/${ircPoint.id}`, payload: { version: ircPoint.version, dueDate: '2099-06-01' } });
    expect(moved.json()).toMatchObject({ dueDate: '2099-06-01', status: 'open' });
    points[1] = moved.json();
    const audit = await t.database.db.selectFrom('audit_events').select(['before', 'after']).where('entity', '=', 'action_point').where('entity_id', '=', first!.id).where('action', '=', 'update').executeTakeFirstOrThrow();
    expect([(audit.before as ActionPoint).status, (audit.after as ActionPoint).status]).toEqual(['open', 'done']);
  });

  it('publishes the minutes as a PDF in French and English, sent to participants and owners', async () => {
    const early = await t.request(regional, { method: 'POST', url: `/api/v1/meetings/${giac.id}/status`, payload: { status: 'minutes_published', version: giac.version } });
    expect(early.json()).toMatchObject({ status: 409, code: 'meeting_status_transition' });
    giac = (await t.request(regional, { method: 'GET', url: `/api/v1/meetings/${giac.id}` })).json();
    const participants = giac.participants.map((p) => ({ organisationId: p.organisation?.id ?? null, userId: p.user?.id ?? null, name: p.name, email: p.user ? null : p.email, invited: p.invited, present: p.organisation?.acronym !== 'IRC' }));
    const attendance = await t.request(regional, { method: 'PUT', url: `/api/v1/meetings/${giac.id}`, payload: { ...meetingPayload(), participants, version: giac.version } });
    expect(attendance.statusCode, attendance.body).toBe(200);
    const held = await t.request(regional, { method: 'POST', url: `/api/v1/meetings/${giac.id}/status`, payload: { status: 'held', version: attendance.json().version } });
    expect(held.json()).toMatchObject({ status: 'held', heldAt: expect.any(String) });
    const before = smtp.received.length;
    const published = await t.request(regional, { method: 'POST', url: `/api/v1/meetings/${giac.id}/status`, payload: { status: 'minutes_published', version: held.json().version } });
    expect(published.json()).toMatchObject({ status: 'minutes_published', publishedAt: expect.any(String), permissions: { writeMinutes: false } });
    giac = published.json();
    const locked = await t.request(regional, { method: 'POST', url: `/api/v1/meetings/${giac.id}/decisions`, payload: { text: 'Trop tard.' } });
    expect(locked.json()).toMatchObject({ status: 409, code: 'meeting_minutes_locked' });
    expect((await t.request(regional, { method: 'DELETE', url: `/api/v1/action-points/${points[1]!.id}?version=${points[1]!.version}` })).json()).toMatchObject({ code: 'action_point_published' });

    const fr = await t.request(partner, { method: 'GET', url: `/api/v1/meetings/${giac.id}/minutes.pdf?lang=fr` });
    expect(fr.statusCode).toBe(200);
    expect(fr.headers['content-type']).toBe('application/pdf');
    expect(fr.headers['content-disposition']).toContain('compte-rendu-2026-04-02-giac-mopti-avril.pdf');
    const text = readPdf(fr.rawPayload).text;
    for (const expected of [
      'Compte rendu — GIAC Mopti — avril',
      'Régionale (GIAC) — Mopti',
      '2 avril 2026, de 09:00 à 12:30',
      'Présents',
      'Invités absents : IRC',
      'Sorties du RRM et gaps à venir',
      'Mopti (Mopti) — Sécurité alimentaire : gap à venir le 10 avril 2026 : 200 ménages',
      'ACTED confirme la fin de la distribution le 9 avril.',
      '<script>alert(1)</script>',
      'D1 NRC prend le relais',
      'D2 Le GIAC plaide',
      'AP-1',
      'Planifier la distribution de mai à Mopti (D1)',
      'NRC — Ibrahim Maïga',
      'Réalisé',
      'Déployer une clinique mobile à Bandiagara',
      'IRC — Dr Keïta',
      'Compte rendu publié le',
    ]) {
      expect(text).toContain(expected);
    }
    const pages = pageImages(fr.rawPayload);
    expect(pages.length).toBeGreaterThanOrEqual(1);
    // The header band is the coordination's blue; the body carries text; every page has its footer.
    const [r, g, b] = pages[0]!.colourAt(0.5, 0.02);
    expect(b).toBeGreaterThan(100);
    expect(r).toBeLessThan(60);
    expect(g).toBeGreaterThan(60);
    expect(pages[0]!.inkIn(0.15, 0.9)).toBeGreaterThan(0.01);
    for (const page of pages) expect(page.inkIn(0.95, 0.99)).toBeGreaterThan(0.001);

    const en = readPdf((await t.request(partner, { method: 'GET', url: `/api/v1/meetings/${giac.id}/minutes.pdf?lang=en` })).rawPayload).text;
    for (const expected of ['Minutes — GIAC Mopti — avril', 'Regional (GIAC) — Mopti', 'Action points', 'Decisions', 'upcoming gap on 10 April 2026: 200 households', 'Done', 'Minutes published on']) {
      expect(en).toContain(expected);
    }

    // The PDF went to the participants and to the owners, with their own action points listed.
    const sent = smtp.received.slice(before);
    const toPartner = sent.find((m) => m.to.includes('partner@demo.relais'))!;
    expect(subjectOf(toPartner.raw)).toBe('Relais — Compte rendu publié : GIAC Mopti — avril');
    const attachment = mimePart(toPartner.raw, 'application/pdf')!;
    expect(readPdf(attachment.bytes).text).toContain('Compte rendu — GIAC Mopti — avril');
    expect(sent.map((m) => m.to[0]).sort()).toEqual(expect.arrayContaining(['awa.traore@example.org', 'partner@demo.relais', 'regional@demo.relais', 'admin@demo.relais']));
  });

  it('exports the action points to XLSX with the platform’s writer', async () => {
    const response = await t.request(regional, { method: 'GET', url: `/api/v1/action-points/export?meetingId=${giac.id}&lang=fr` });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0]!;
    expect(sheet.name).toBe("Points d'action");
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header.slice(0, 5)).toEqual(['Réf.', 'Date de la réunion', 'Réunion', 'Niveau', 'Action']);
    expect((sheet.getRow(2).values as unknown[]).slice(1, 3)).toEqual(['#meta+id', '#date+meeting']);
    const rows = [3, 4, 5].map((n) => (sheet.getRow(n).values as unknown[]).slice(1));
    // By due date: AP-3 (10 April), AP-1 (20 April), AP-2 (2099).
    expect(rows.map((r) => r[0])).toEqual(['AP-3', 'AP-1', 'AP-2']);
    expect(rows[1]).toEqual(expect.arrayContaining(['Planifier la distribution de mai à Mopti', 'NRC', 'Ibrahim Maïga', 'Réalisé', 'Mopti', 'Sécurité alimentaire']));
  });

  it('finds meetings by region, date, text and by the records they discussed', async () => {
    const search = async (query: string) => ((await t.request(regional, { method: 'GET', url: `/api/v1/meetings?${query}` })).json<MeetingPage>()).items.map((m) => m.title);
    expect(await search('region=ML05')).toEqual(['GIAC Mopti — avril', 'GIAC Mopti — mars']);
    expect(await search('from=2026-04-01&to=2026-04-30')).toEqual(['GIAC Mopti — avril']);
    expect(await search('q=PLUIES contingence')).toEqual(['GIAC Mopti — avril']);
    expect(await search('q=clinique%20mobile')).toEqual(['GIAC Mopti — avril']);
    expect(await search('q=sevare')).toEqual(['GIAC Mopti — mars']);
    // March's agenda already saw Mopti's food gap coming (within its 30 days); April decided on it.
    expect(await search(`localityId=${ids.mopti}&sector=secal`)).toEqual(['GIAC Mopti — avril', 'GIAC Mopti — mars']);
    expect(await search(`localityId=${ids.bandiagara}`)).toEqual(['GIAC Mopti — avril', 'GIAC Mopti — mars']);
    expect(await search(`alertId=${marchAlertId}`)).toEqual(['GIAC Mopti — avril']);
    expect(await search('status=minutes_published')).toEqual(['GIAC Mopti — avril']);
    const summary = ((await t.request(regional, { method: 'GET', url: '/api/v1/meetings?region=ML05' })).json<MeetingPage>()).items[0]!;
    expect(summary).toMatchObject({ decisions: 2, actionPoints: 3, openActionPoints: 2 });
    const cited = await t.request(regional, { method: 'GET', url: `/api/v1/meetings/decisions?localityId=${ids.mopti}&sector=secal` });
    expect(cited.json().items).toEqual([expect.objectContaining({ number: 1, meeting: { id: giac.id, title: 'GIAC Mopti — avril', date: '2026-04-02' } })]);
  });
});
