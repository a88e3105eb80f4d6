import { type Kysely, type SqlBool, sql } from 'kysely';
import type { ActionPointFilters, ActionPointStatus } from '../../../shared/contracts/meetings.ts';
import type { PageQuery } from '../../../shared/contracts/common.ts';
import { scopeOf } from '../../../shared/permissions.ts';
import { searchKey } from '../../../shared/text.ts';
import type { DB } from '../../db/schema.ts';
import { paginate } from '../../lib/pagination.ts';
import { type MeetingActor, meetingVisibleTo } from './meetings.repository.ts';

export interface ActionPointValues {
  title: string;
  ownerOrganisationId: string;
  ownerUserId: string | null;
  ownerName: string | null;
  dueDate: string;
  agendaItemId: string | null;
  decisionId: string | null;
  localityId: string | null;
  sector: string | null;
  alertId: string | null;
}

/** An action point's owner is the user, or the user's organisation. */
export function ownedBy(actor: Pick<MeetingActor, 'id' | 'organisationId'>) {
  return sql<SqlBool>`(ap.owner_user_id = ${actor.id} OR (${actor.organisationId}::uuid IS NOT NULL AND ap.owner_organisation_id = ${actor.organisationId}))`;
}

/** Action points a user may see: those of meetings they may read, and their own or their organisation's. */
function visibleTo(actor: MeetingActor) {
  if (scopeOf(actor, 'meeting:read') === 'any') return sql<SqlBool>`true`;
  return sql<SqlBool>`(${meetingVisibleTo(actor)} OR ${ownedBy(actor)})`;
}

function base(db: Kysely<DB>) {
  return db
    .selectFrom('action_points as ap')
    .innerJoin('meetings as m', 'm.id', 'ap.meeting_id')
    .innerJoin('organisations as o', 'o.id', 'ap.owner_organisation_id')
    .leftJoin('users as u', 'u.id', 'ap.owner_user_id')
    .leftJoin('meeting_decisions as d', 'd.id', 'ap.decision_id')
    .leftJoin('localities as l', 'l.id', 'ap.locality_id')
    .select([
      'ap.id',
      'ap.meeting_id',
      'm.title as meeting_title',
      'm.date as meeting_date',
      'm.level as meeting_level',
      'm.status as meeting_status',
      'm.region_pcodes as meeting_regions',
      'ap.number',
      'ap.title',
      'ap.owner_organisation_id',
      'o.acronym as owner_acronym',
      'o.name as owner_organisation_name',
      'ap.owner_user_id',
      'u.name as owner_user_name',
      'ap.owner_name',
      'ap.due_date',
      'ap.status',
      'ap.status_note',
      'ap.closed_at',
      'ap.closed_by',
      'ap.agenda_item_id',
      'ap.decision_id',
      'd.number as decision_number',
      'ap.locality_id',
      'ap.sector',
      'ap.alert_id',
      'ap.version',
    ]);
}
export type ActionPointRow = Awaited<ReturnType<ReturnType<typeof base>['executeTakeFirstOrThrow']>>;

export function actionPointsRepository(db: Kysely<DB>) {
  function filtered(actor: MeetingActor, filters: ActionPointFilters, today: string) {
    let q = base(db).where(visibleTo(actor)).where('m.status', '<>', 'cancelled');
    if (filters.meetingId) q = q.where('ap.meeting_id', '=', filters.meetingId);
    if (filters.owner === 'me') q = q.where(ownedBy(actor));
    if (filters.organisationId) q = q.where('ap.owner_organisation_id', '=', filters.organisationId);
    if (filters.status?.length) q = q.where('ap.status', 'in', filters.status);
    if (filters.overdue === 'true') q = q.where('ap.status', '=', 'open').where('ap.due_date', '<', today);
    if (filters.overdue === 'false') q = q.where((eb) => eb.or([eb('ap.status', '<>', 'open'), eb('ap.due_date', '>=', today)]));
    if (filters.region) q = q.where(sql<SqlBool>`(${filters.region} = ANY(m.region_pcodes) OR l.adm1_pcode = ${filters.region})`);
    if (filters.localityId) q = q.where('ap.locality_id', '=', filters.localityId);
    if (filters.sector) q = q.where('ap.sector', '=', filters.sector);
    if (filters.alertId) q = q.where('ap.alert_id', '=', filters.alertId);
    if (filters.dueFrom) q = q.where('ap.due_date', '>=', filters.dueFrom);
    if (filters.dueTo) q = q.where('ap.due_date', '<=', filters.dueTo);
    if (filters.q) {
      for (const word of searchKey(filters.q).split(' ').filter(Boolean)) {
        const pattern = `%${word.replace(/[%_\\]/g, '\\$&')}%`;
        q = q.where((eb) => eb.or([eb(sql`lower(ap.title)`, 'like', pattern), eb(sql`lower(o.acronym)`, 'like', pattern), eb(sql`lower(coalesce(ap.owner_name, u.name, ''))`, 'like', pattern)]));
      }
    }
    return q;
  }

  function ordered<Q extends ReturnType<typeof filtered>>(q: Q, sort: string): Q {
    const direction = sort.startsWith('-') ? 'desc' : 'asc';
    const key = sort.replace(/^-/, '');
    const sorted =
      key === 'meeting'
        ? q.orderBy('m.date', direction).orderBy('ap.number')
        : key === 'owner'
          ? q.orderBy('o.acronym', direction).orderBy('ap.due_date')
          : key === 'status'
            ? q.orderBy('ap.status', direction).orderBy('ap.due_date')
            : q.orderBy('ap.due_date', direction).orderBy('m.date');
    return sorted.orderBy('ap.id') as Q;
  }

  return {
    async list(actor: MeetingActor, filters: ActionPointFilters, page: PageQuery, today: string) {
      const q = filtered(actor, filters, today);
      const result = await paginate(q, page, (p) => ordered(p, filters.sort), (r) => r);
      const overdue = await filtered(actor, { ...filters, overdue: 'true' }, today)
        .clearSelect()
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return { ...result, overdue: Number(overdue.n) };
    },

    /** Every matching action point, for exports (a coordination has hundreds, not millions). */
    async all(actor: MeetingActor, filters: ActionPointFilters, today: string) {
      return ordered(filtered(actor, filters, today), filters.sort).limit(20_000).execute();
    },

    async ofMeeting(trx: Kysely<DB> = db, meetingId: string) {
      return base(trx).where('ap.meeting_id', '=', meetingId).orderBy('ap.number').execute();
    },

    async find(trx: Kysely<DB>, id: string, forUpdate = false) {
      let q = base(trx).where('ap.id', '=', id);
      if (forUpdate) q = q.forUpdate('ap');
      return q.executeTakeFirst();
    },

    async insert(trx: Kysely<DB>, meetingId: string, values: ActionPointValues, userId: string): Promise<string> {
      const { next } = await trx
        .selectFrom('action_points')
        .select(sql<number>`coalesce(max(number), 0) + 1`.as('next'))
        .where('meeting_id', '=', meetingId)
        .executeTakeFirstOrThrow();
      const { id } = await trx
        .insertInto('action_points')
        .values({
          meeting_id: meetingId,
          number: next,
          title: values.title,
          owner_organisation_id: values.ownerOrganisationId,
          owner_user_id: values.ownerUserId,
          owner_name: values.ownerName,
          due_date: values.dueDate,
          agenda_item_id: values.agendaItemId,
          decision_id: values.decisionId,
          locality_id: values.localityId,
          sector: values.sector,
          alert_id: values.alertId,
          created_by: userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async updateIfVersion(
      trx: Kysely<DB>,
      id: string,
      version: number,
      values: ActionPointValues & { status: ActionPointStatus; statusNote: string | null; closedAt: Date | null; closedBy: string | null },
    ): Promise<boolean> {
      const result = await trx
        .updateTable('action_points')
        .set((eb) => ({
          title: values.title,
          owner_organisation_id: values.ownerOrganisationId,
          owner_user_id: values.ownerUserId,
          owner_name: values.ownerName,
          due_date: values.dueDate,
          agenda_item_id: values.agendaItemId,
          decision_id: values.decisionId,
          locality_id: values.localityId,
          sector: values.sector,
          alert_id: values.alertId,
          status: values.status,
          status_note: values.statusNote,
          closed_at: values.closedAt,
          closed_by: values.closedBy,
          updated_at: new Date(),
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async deleteIfVersion(trx: Kysely<DB>, id: string, version: number): Promise<boolean> {
      const result = await trx.deleteFrom('action_points').where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    /** Open action points due by `until` (reminders), with their meeting's organiser. */
    async openDueBy(until: string) {
      return base(db)
        .select(['m.created_by as meeting_created_by'])
        .where('ap.status', '=', 'open')
        .where('m.status', '<>', 'cancelled')
        .where('ap.due_date', '<=', until)
        .orderBy('ap.due_date')
        .orderBy('ap.id')
        .execute();
    },

    /**
     * Who hears about an action point: its owner's account, else the active accounts of the
     * owner organisation (partners, coordinators); donors' read-only accounts are left out.
     */
    async recipients(userIds: readonly string[], organisationIds: readonly string[]) {
      if (userIds.length === 0 && organisationIds.length === 0) return [];
      return db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'language', 'organisation_id'])
        .where('active', '=', true)
        .where((eb) =>
          eb.or([
            ...(userIds.length ? [eb('id', 'in', userIds)] : []),
            ...(organisationIds.length ? [eb.and([eb('organisation_id', 'in', organisationIds), eb('role', '<>', 'viewer')])] : []),
          ]),
        )
        .execute();
    },
  };
}
export type ActionPointsRepository = ReturnType<typeof actionPointsRepository>;
