import type { Kysely } from 'kysely';
import type { Language, Page } from '../../../shared/contracts/common.ts';
import type { GapAlertRunResult, GapRow, Notification } from '../../../shared/contracts/gaps.ts';
import { todayIso } from '../../../shared/phases.ts';
import { type Sector, sectorLabels } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { AlertRecipient, GapAlertsRepository, NewNotification } from './gap-alerts.repository.ts';
import { gapText } from './gap-text.ts';
import type { GapsService } from './gaps.service.ts';
import type { Mailer } from '../../lib/mailer.ts';

const languageOf = (recipient: AlertRecipient): Language => (recipient.language === 'en' ? 'en' : 'fr');
const isOpen = (row: GapRow) => row.status === 'uncovered' || row.status === 'partial';

/** Who hears about a gap: the regional coordinators of its region and the focal points of its sector. */
function concerned(recipient: AlertRecipient, row: Pick<GapRow, 'locality' | 'sector'>): boolean {
  const region = row.locality.adm1Pcode;
  const inRegion = recipient.role === 'regional_coordinator' && region !== null && recipient.regions.some((r) => region.startsWith(r));
  return inRegion || recipient.sectors.includes(row.sector);
}

/** What a weekly digest covers: everything for national coordinators, else the recipient's regions and sectors. */
function inDigestScope(recipient: AlertRecipient, row: GapRow): boolean {
  return recipient.role === 'coordinator' || concerned(recipient, row);
}

/** ISO 8601 week of a date, e.g. '2026-W13': one digest per week. */
export function isoWeek(date: string): string {
  const day = new Date(`${date}T00:00:00Z`);
  // The week belongs to the year of its Thursday.
  const thursday = new Date(day.getTime() + (3 - ((day.getUTCDay() + 6) % 7)) * 86_400_000);
  const year = thursday.getUTCFullYear();
  const week = 1 + Math.floor((thursday.getTime() - Date.UTC(year, 0, 1)) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, '0')}`;
}

function where(row: GapRow): string {
  return row.locality.adm1Name ? `${row.locality.name} (${row.locality.adm1Name})` : row.locality.name;
}

function upcomingText(row: GapRow, lang: Language): { title: string; body: string } {
  const t = gapText(lang);
  const u = row.upcoming!;
  const sector = sectorLabels[row.sector][lang];
  const capacity =
    row.capacityOrganisations > 0
      ? lang === 'fr'
        ? ` ${t.count(row.capacityOrganisations, 'organisation a déclaré', 'organisations ont déclaré')} une capacité disponible dans la région.`
        : ` ${t.count(row.capacityOrganisations, 'organisation declared', 'organisations declared')} capacity left in the region.`
      : lang === 'fr'
        ? ' Aucune organisation n’a déclaré de capacité disponible dans la région.'
        : ' No organisation declared capacity left in the region.';
  return lang === 'fr'
    ? {
        title: `Gap à venir : ${sector} à ${row.locality.name}`,
        body: `À partir du ${t.date(u.on)} (dans ${t.days(u.daysUntil)}), la couverture ${sector} à ${where(row)} tombe à ${t.households(u.coverage)} pour un besoin de ${t.households(row.need ?? 0)} : gap de ${t.households(u.gap)}, aucune réponse ne prend le relais.${capacity}`,
      }
    : {
        title: `Upcoming gap: ${sector} in ${row.locality.name}`,
        body: `From ${t.date(u.on)} (in ${t.days(u.daysUntil)}), ${sector} coverage in ${where(row)} falls to ${t.households(u.coverage)} for a need of ${t.households(row.need ?? 0)}: a gap of ${t.households(u.gap)}, with no response taking over.${capacity}`,
      };
}

function openText(row: GapRow, lang: Language): { title: string; body: string } {
  const t = gapText(lang);
  const sector = sectorLabels[row.sector][lang];
  const days = t.days(row.daysUncovered ?? 0);
  return lang === 'fr'
    ? {
        title: `Gap ouvert depuis ${days} : ${sector} à ${row.locality.name}`,
        body: `Depuis le ${t.date(row.openSince!)}, ${sector} à ${where(row)} : ${t.households(row.coverage)} couverts pour un besoin de ${t.households(row.need ?? 0)}, gap de ${t.households(row.gap ?? 0)}. Priorité ${t.number(row.priority?.score ?? 0)}/100.`,
      }
    : {
        title: `Gap open for ${days}: ${sector} in ${row.locality.name}`,
        body: `Since ${t.date(row.openSince!)}, ${sector} in ${where(row)}: ${t.households(row.coverage)} covered for a need of ${t.households(row.need ?? 0)}, a gap of ${t.households(row.gap ?? 0)}. Priority ${t.number(row.priority?.score ?? 0)}/100.`,
      };
}

function digestText(rows: readonly GapRow[], at: string, horizonDays: number, lang: Language): { title: string; body: string } {
  const t = gapText(lang);
  const open = rows.filter(isOpen);
  const upcoming = rows.filter((r) => r.upcoming).sort((a, b) => a.upcoming!.daysUntil - b.upcoming!.daysUntil);
  const largest = new Map<string, number>();
  for (const row of open) largest.set(row.locality.id, Math.max(largest.get(row.locality.id) ?? 0, row.gap ?? 0));
  const households = [...largest.values()].reduce((a, b) => a + b, 0);
  const top = [...open].sort((a, b) => (b.priority?.score ?? 0) - (a.priority?.score ?? 0)).slice(0, 5);
  const fr = lang === 'fr';
  const lines = [
    fr
      ? `Au ${t.date(at)} : ${t.count(open.length, 'gap ouvert', 'gaps ouverts')}, ${t.households(households)} sans couverture suffisante (par localité, le secteur le plus touché), ${t.count(upcoming.length, 'gap à venir', 'gaps à venir')} dans les ${t.days(horizonDays)}.`
      : `On ${t.date(at)}: ${t.count(open.length, 'open gap', 'open gaps')}, ${t.households(households)} without enough coverage (per locality, the worst sector), ${t.count(upcoming.length, 'upcoming gap', 'upcoming gaps')} in the next ${t.days(horizonDays)}.`,
  ];
  if (top.length) {
    lines.push('', fr ? 'Priorités :' : 'Priorities:');
    for (const r of top) {
      lines.push(`- ${where(r)} — ${sectorLabels[r.sector][lang]} : ${fr ? 'gap de' : 'gap of'} ${t.households(r.gap ?? 0)}, ${t.days(r.daysUncovered ?? 0)}, ${fr ? 'priorité' : 'priority'} ${t.number(r.priority?.score ?? 0)}/100`);
    }
  }
  if (upcoming.length) {
    lines.push('', fr ? 'Gaps à venir :' : 'Upcoming gaps:');
    for (const r of upcoming.slice(0, 5)) {
      lines.push(`- ${where(r)} — ${sectorLabels[r.sector][lang]} : ${fr ? 'à partir du' : 'from'} ${t.date(r.upcoming!.on)}, ${fr ? 'gap de' : 'gap of'} ${t.households(r.upcoming!.gap)}`);
    }
  }
  return { title: fr ? `Point hebdomadaire des gaps — ${t.date(at)}` : `Weekly gap summary — ${t.date(at)}`, body: lines.join('\n') };
}

export function gapAlertsService(deps: { db: Kysely<DB>; alerts: GapAlertsRepository; gaps: GapsService; mailer: Mailer | null; publicUrl: string }) {
  const { db, alerts, gaps, mailer, publicUrl } = deps;

  /** Stores the notifications not sent before and e-mails the new ones (when SMTP is configured). */
  async function deliver(at: string, recipients: readonly AlertRecipient[], notifications: NewNotification[]): Promise<GapAlertRunResult> {
    const inserted = await db.transaction().execute((trx) => alerts.insertNew(trx, notifications));
    const emailOf = new Map(recipients.map((r) => [r.id, r.email]));
    let emailed = 0;
    let emailFailures = 0;
    if (mailer) {
      for (const n of inserted) {
        try {
          await mailer.send({ to: emailOf.get(n.userId)!, subject: `Relais — ${n.title}`, text: `${n.body}\n\n${publicUrl}${n.link ?? '/'}` });
          await alerts.markEmailed(n.id, null);
          emailed++;
        } catch (error) {
          await alerts.markEmailed(n.id, error instanceof Error ? error.message : String(error));
          emailFailures++;
        }
      }
    }
    return { at, notifications: inserted.length, emailed, emailFailures };
  }

  /**
   * Looks at every gap at `at`: an upcoming gap, or a gap open for more days than the setting,
   * notifies the regional coordinators of its region and the focal points of its sector, once
   * per event (a gap opening on a date, a drop on a date). Gaps the coordination accepted are left alone.
   */
  async function run(at: string = todayIso()): Promise<GapAlertRunResult> {
    const { rows, settings } = await gaps.compute({ at });
    const recipients = await alerts.recipients();
    const notifications: NewNotification[] = [];
    for (const row of rows) {
      if (row.followUp?.status === 'accepted') continue;
      const events: { kind: NewNotification['kind']; key: string; text: (lang: Language) => { title: string; body: string } }[] = [];
      if (row.upcoming) events.push({ kind: 'gap_upcoming', key: `${row.locality.id}|${row.sector}|${row.upcoming.on}`, text: (lang) => upcomingText(row, lang) });
      if (isOpen(row) && (row.daysUncovered ?? 0) >= settings.alertAfterDaysOpen) {
        events.push({ kind: 'gap_open', key: `${row.locality.id}|${row.sector}|${String(row.openSince)}`, text: (lang) => openText(row, lang) });
      }
      if (events.length === 0) continue;
      for (const recipient of recipients.filter((r) => concerned(r, row))) {
        for (const event of events) {
          notifications.push({ userId: recipient.id, kind: event.kind, key: event.key, localityId: row.locality.id, sector: row.sector, link: `/gaps/${row.locality.id}/${row.sector}`, ...event.text(languageOf(recipient)) });
        }
      }
    }
    return deliver(at, recipients, notifications);
  }

  /** The week's summary for each coordinator and focal point with something in their scope; once per ISO week. */
  async function digest(at: string = todayIso()): Promise<GapAlertRunResult> {
    const { rows, horizonDays } = await gaps.compute({ at });
    const recipients = await alerts.recipients();
    const notifications: NewNotification[] = [];
    for (const recipient of recipients) {
      const scoped = rows.filter((r) => inDigestScope(recipient, r) && (isOpen(r) || r.upcoming));
      if (scoped.length === 0) continue;
      notifications.push({ userId: recipient.id, kind: 'gap_digest', key: isoWeek(at), localityId: null, sector: null, link: '/gaps', ...digestText(scoped, at, horizonDays, languageOf(recipient)) });
    }
    return deliver(at, recipients, notifications);
  }

  return {
    run,
    digest,

    async runNow(ctx: ServiceContext, at?: string): Promise<GapAlertRunResult> {
      requireAccess(ctx.user, 'settings:manage');
      return run(at);
    },

    async digestNow(ctx: ServiceContext, at?: string): Promise<GapAlertRunResult> {
      requireAccess(ctx.user, 'settings:manage');
      return digest(at);
    },

    async notifications(ctx: ServiceContext, query: { unread?: 'true' | 'false'; page: number; pageSize: number }): Promise<Page<Notification> & { unread: number }> {
      const unread = query.unread === undefined ? undefined : query.unread === 'true';
      const page = await alerts.listOf(ctx.user.id, unread, query);
      return { ...page, unread: await alerts.unreadCount(ctx.user.id) };
    },

    async markRead(ctx: ServiceContext, id?: string): Promise<{ unread: number }> {
      if (!(await alerts.markRead(ctx.user.id, id))) throw notFound();
      return { unread: await alerts.unreadCount(ctx.user.id) };
    },

    async focalPoints(ctx: ServiceContext) {
      requireAccess(ctx.user, 'user:manage');
      const rows = await alerts.focalPoints();
      const byUser = new Map<string, { user: { id: string; name: string; email: string; role: string }; sectors: Sector[] }>();
      for (const row of rows) {
        const entry = byUser.get(row.id) ?? { user: { id: row.id, name: row.name, email: row.email, role: row.role }, sectors: [] };
        entry.sectors.push(row.sector as Sector);
        byUser.set(row.id, entry);
      }
      return { items: [...byUser.values()] };
    },

    setFocalPoint(ctx: ServiceContext, userId: string, sectors: Sector[]) {
      requireAccess(ctx.user, 'user:manage');
      return db.transaction().execute(async (trx) => {
        if (!(await alerts.userExists(trx, userId))) throw new AppError('not_found', 404);
        const before = await alerts.sectorsOf(trx, userId);
        await alerts.replaceSectors(trx, userId, sectors);
        const after = await alerts.sectorsOf(trx, userId);
        await recordAudit(trx, ctx, { action: 'update', entity: 'sector_focal_points', entityId: userId, before: { sectors: before }, after: { sectors: after } });
        return { sectors: after as Sector[] };
      });
    },
  };
}
export type GapAlertsService = ReturnType<typeof gapAlertsService>;

