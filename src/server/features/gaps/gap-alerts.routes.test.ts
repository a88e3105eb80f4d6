import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Notification, NotificationPage } from '../../../shared/contracts/gaps.ts';
import { startSmtpServer, subjectOf } from '../../test/smtp-server.ts';
import { createTestApp, type Session, type TestApp } from '../../test/test-app.ts';
import { databaseKinds } from '../../test/test-database.ts';
import { createAlert, referenceIds, validateAlert } from '../../test/alerts.fixtures.ts';
import { isoWeek } from './gap-alerts.service.ts';

describe('ISO week of the digest', () => {
  it('counts weeks from the one holding the first Thursday', () => {
    expect(isoWeek('2026-03-25')).toBe('2026-W13');
    expect(isoWeek('2026-01-01')).toBe('2026-W01');
    expect(isoWeek('2027-01-01')).toBe('2026-W53');
    expect(isoWeek('2024-12-30')).toBe('2025-W01');
  });
});

describe.each(databaseKinds)('gap alerts on %s', (kind) => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let ids: Awaited<ReturnType<typeof referenceIds>>;
  let admin: Session;
  const at = '2026-03-25';

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await createTestApp(kind, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, MAIL_FROM: 'Relais <relais@example.org>', PUBLIC_URL: 'https://relais.example.org/' });
    ids = await referenceIds(t);
    admin = await t.login('admin');
    const coordinator = await t.login('coordinator');
    // Mopti: the RRM's food assistance ends on 9 April and nothing takes over (an upcoming gap).
    const alert = await createAlert(t, ids.mopti, {
      shockDate: '2026-01-10',
      alertDate: '2026-01-12',
      households: 300,
      persons: 1800,
      msaFindings: [{ sector: 'secal', need: true, householdsInNeed: 200, severity: 4 }],
    });
    await validateAlert(t, alert.id, '2026-01-15');
    await t.request(coordinator, {
      method: 'POST',
      url: `/api/v1/alerts/${alert.id}/rrm-responses`,
      payload: { organisationId: ids.acted, sector: 'secal', startDate: '2026-01-20', endDate: '2026-04-09', householdsReached: 200, personsReached: 1200, modality: 'in_kind' },
    });
    // Bandiagara: health needs assessed on 15 February, nobody responding (open for 38 days on the 25th of March).
    await t.request(coordinator, {
      method: 'POST',
      url: '/api/v1/assessments',
      payload: { localityId: ids.bandiagara, kind: 'territorial', status: 'done', organisationId: ids.acted, startDate: '2026-02-01', endDate: '2026-02-15', results: [{ sector: 'sante', severity: 5, householdsInNeed: 400 }] },
    });
    // Gao: open long enough too, but the coordination accepted it.
    await t.request(coordinator, {
      method: 'POST',
      url: '/api/v1/assessments',
      payload: { localityId: ids.gao, kind: 'territorial', status: 'done', organisationId: ids.acted, startDate: '2026-02-01', endDate: '2026-02-10', results: [{ sector: 'sante', severity: 2, householdsInNeed: 50 }] },
    });
    await t.request(coordinator, { method: 'POST', url: `/api/v1/gaps/${ids.gao}/sante/follow-ups`, payload: { status: 'accepted', comment: 'Couvert par le district sanitaire.' } });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const notificationsOf = async (role: 'regional_coordinator' | 'viewer' | 'partner' | 'coordinator', query = '') =>
    (await t.request(await t.login(role), { method: 'GET', url: `/api/v1/notifications${query}` })).json<NotificationPage>();

  it('lets administrators name sector focal points, audited', async () => {
    const viewer = await t.login('viewer');
    const set = await t.request(admin, { method: 'PUT', url: `/api/v1/sector-focal-points/${viewer.userId}`, payload: { sectors: ['sante', 'nutrition'] } });
    expect(set.json()).toEqual({ sectors: ['nutrition', 'sante'] });
    expect((await t.request(admin, { method: 'GET', url: '/api/v1/sector-focal-points' })).json().items).toEqual([
      expect.objectContaining({ user: expect.objectContaining({ id: viewer.userId, role: 'viewer' }), sectors: ['nutrition', 'sante'] }),
    ]);
    expect((await t.request(await t.login('coordinator'), { method: 'PUT', url: `/api/v1/sector-focal-points/${viewer.userId}`, payload: { sectors: [] } })).statusCode).toBe(403);
    const audit = (await t.request(admin, { method: 'GET', url: `/api/v1/audit?entity=sector_focal_points&id=${viewer.userId}` })).json();
    expect(audit.items[0].after).toEqual({ sectors: ['nutrition', 'sante'] });
  });

  it('notifies the region’s coordinators and the sector’s focal points in the app and by e-mail, once per event', async () => {
    const run = await t.request(admin, { method: 'POST', url: `/api/v1/gap-alerts/run?at=${at}` });
    expect(run.statusCode).toBe(200);
    expect(run.json()).toEqual({ at, notifications: 3, emailed: 3, emailFailures: 0 });

    const regional = await notificationsOf('regional_coordinator');
    expect(regional.unread).toBe(2);
    const byKind = new Map(regional.items.map((n: Notification) => [n.kind, n]));
    expect(byKind.get('gap_upcoming')).toMatchObject({
      title: 'Gap à venir : Sécurité alimentaire à Mopti',
      localityId: ids.mopti,
      sector: 'secal',
      link: `/gaps/${ids.mopti}/secal`,
      emailedAt: expect.any(String),
    });
    expect(byKind.get('gap_upcoming')!.body).toContain('À partir du 10 avril 2026 (dans 16 jours)');
    expect(byKind.get('gap_open')).toMatchObject({ title: 'Gap ouvert depuis 38 jours : Santé à Bandiagara', sector: 'sante' });
    // The focal point of health hears about Bandiagara only; partners and national coordinators get no event alert.
    expect((await notificationsOf('viewer')).items.map((n: Notification) => n.title)).toEqual(['Gap ouvert depuis 38 jours : Santé à Bandiagara']);
    expect((await notificationsOf('partner')).total).toBe(0);
    expect((await notificationsOf('coordinator')).total).toBe(0);

    const regionalEmail = (await t.database.db.selectFrom('users').select('email').where('role', '=', 'regional_coordinator').executeTakeFirstOrThrow()).email;
    const viewerEmail = (await t.database.db.selectFrom('users').select('email').where('role', '=', 'viewer').executeTakeFirstOrThrow()).email;
    expect(smtp.received).toHaveLength(3);
    expect(smtp.received.flatMap((m) => m.to).sort()).toEqual([regionalEmail, regionalEmail, viewerEmail].sort());
    const upcomingMail = smtp.received.find((m) => subjectOf(m.raw) === 'Relais — Gap à venir : Sécurité alimentaire à Mopti')!;
    expect(upcomingMail.raw).toContain(`https://relais.example.org/gaps/${ids.mopti}/secal`);
    expect(upcomingMail.raw).toMatch(/^From: Relais <relais@example\.org>/m);

    const again = await t.request(admin, { method: 'POST', url: `/api/v1/gap-alerts/run?at=${at}` });
    expect(again.json()).toMatchObject({ notifications: 0, emailed: 0 });
    expect(smtp.received).toHaveLength(3);
    expect((await t.request(await t.login('coordinator'), { method: 'POST', url: '/api/v1/gap-alerts/run' })).statusCode).toBe(403);
  });

  it('sends a weekly digest once per week, scoped to each recipient', async () => {
    const before = smtp.received.length;
    const digest = await t.request(admin, { method: 'POST', url: `/api/v1/gap-alerts/digest?at=${at}` });
    expect(digest.json()).toMatchObject({ notifications: 3, emailed: 3 });
    const national = (await notificationsOf('coordinator')).items[0]!;
    expect(national).toMatchObject({ kind: 'gap_digest', title: 'Point hebdomadaire des gaps — 25 mars 2026', link: '/gaps' });
    expect(national.body).toContain('Priorités :');
    expect(national.body).toContain('Bandiagara (Mopti) — Santé');
    expect(national.body).toContain('Mopti (Mopti) — Sécurité alimentaire : à partir du 10 avril 2026');
    const viewerDigest = (await notificationsOf('viewer')).items.find((n: Notification) => n.kind === 'gap_digest')!;
    expect(viewerDigest.body).not.toContain('Sécurité alimentaire');
    expect(smtp.received.length).toBe(before + 3);
    expect((await t.request(admin, { method: 'POST', url: '/api/v1/gap-alerts/digest?at=2026-03-27' })).json().notifications).toBe(0);
    expect((await t.request(admin, { method: 'POST', url: '/api/v1/gap-alerts/digest?at=2026-03-30' })).json().notifications).toBe(3);
  });

  it('marks notifications read, only one’s own', async () => {
    const regional = await t.login('regional_coordinator');
    const page = await notificationsOf('regional_coordinator', '?unread=true');
    const first = page.items[0]!;
    const read = await t.request(regional, { method: 'POST', url: `/api/v1/notifications/${first.id}/read` });
    expect(read.json()).toEqual({ unread: page.unread - 1 });
    expect((await t.request(await t.login('viewer'), { method: 'POST', url: `/api/v1/notifications/${first.id}/read` })).statusCode).toBe(404);
    expect((await notificationsOf('regional_coordinator', '?unread=false')).items.map((n: Notification) => n.id)).toEqual([first.id]);
    expect((await t.request(regional, { method: 'POST', url: '/api/v1/notifications/read-all' })).json()).toEqual({ unread: 0 });
  });

  it('keeps the alerts in the app when the mail server fails', async () => {
    await smtp.close();
    // On 15 May, Mopti's food gap (open since 10 April) has been open 35 days: a new event.
    const later = await t.request(admin, { method: 'POST', url: '/api/v1/gap-alerts/run?at=2026-05-15' });
    expect(later.json()).toMatchObject({ emailed: 0 });
    expect(later.json().notifications).toBeGreaterThan(0);
    expect(later.json().emailFailures).toBe(later.json().notifications);
    const failed = await t.database.db.selectFrom('notifications').select(['email_error', 'emailed_at']).where('emailed_at', 'is', null).where('email_error', 'is not', null).execute();
    expect(failed.length).toBe(later.json().notifications);
  }, 60_000);
});
