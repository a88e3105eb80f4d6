import { type Expression, type Kysely, type SqlBool, sql } from 'kysely';
import type { LocalityRef } from '../../../shared/contracts/alerts.ts';
import type { MeetingListQuery, MeetingStatus } from '../../../shared/contracts/meetings.ts';
import type { Language } from '../../../shared/contracts/common.ts';
import { type Actor, type Role, scopeOf } from '../../../shared/permissions.ts';
import { searchKey } from '../../../shared/text.ts';
import type { DB } from '../../db/schema.ts';
import type { SessionUser } from '../../lib/context.ts';
import { paginate } from '../../lib/pagination.ts';
import { type LocalityColumns, localityColumns, localityJoinsOn, localityRefOf } from '../../db/locality-names.ts';

export interface MeetingActor extends Actor {
  id: string;
}

export type MeetingRow = Awaited<ReturnType<MeetingsRepository['find']>> & {};

export interface NewParticipant {
  organisationId: string | null;
  userId: string | null;
  name: string | null;
  email: string | null;
  invited: boolean;
  present: boolean | null;
}

export interface MeetingColumns {
  level: string;
  title: string;
  region_pcodes: string[];
  date: string;
  start_time: string;
  end_time: string;
  place: string | null;
  call_link: string | null;
  chair_organisation_id: string | null;
  chair_name: string | null;
}

/** The meeting's participants include the user or the user's organisation. */
function invited(actor: MeetingActor, meetingId: Expression<string> | ReturnType<typeof sql.ref>) {
  return sql<boolean>`EXISTS (SELECT 1 FROM meeting_participants p WHERE p.meeting_id = ${meetingId}
    AND (p.user_id = ${actor.id} OR (${actor.organisationId}::uuid IS NOT NULL AND p.organisation_id = ${actor.organisationId})))`;
}

/**
 * The meetings a user may read, as SQL on `m`: every one (national coordination), those of the
 * user's regions (regional coordinators), and in any case those the user or their organisation is invited to.
 */
export function meetingVisibleTo(actor: MeetingActor): Expression<SqlBool> {
  const scope = scopeOf(actor, 'meeting:read');
  const isInvited = invited(actor, sql.ref('m.id'));
  if (scope === 'any') return sql<SqlBool>`true`;
  if (scope === 'region') return sql<SqlBool>`((cardinality(m.region_pcodes) > 0 AND m.region_pcodes <@ ${actor.regions}::text[]) OR ${isInvited})`;
  if (scope === 'organisation') return sql<SqlBool>`${isInvited}`;
  return sql<SqlBool>`false`;
}

/** Meetings where a record was discussed: on the agenda, or the subject of a decision or action point. */
function discussed(query: Pick<MeetingListQuery, 'localityId' | 'sector' | 'alertId'>): Expression<SqlBool> {
  const on = (table: string) => {
    const t = sql.table(table);
    const parts = [sql`x.meeting_id = m.id`];
    if (query.localityId) parts.push(sql`x.locality_id = ${query.localityId}`);
    if (query.sector) parts.push(sql`x.sector = ${query.sector}`);
    if (query.alertId) parts.push(sql`x.alert_id = ${query.alertId}`);
    return sql`EXISTS (SELECT 1 FROM ${t} x WHERE ${sql.join(parts, sql` AND `)})`;
  };
  return sql<SqlBool>`(${on('meeting_agenda_entries')} OR ${on('meeting_decisions')} OR ${on('action_points')})`;
}

export function meetingsRepository(db: Kysely<DB>) {
  function summaries(trx: Kysely<DB>) {
    return trx
      .selectFrom('meetings as m')
      .select([
        'm.id',
        'm.level',
        'm.title',
        'm.region_pcodes',
        'm.date',
        'm.start_time',
        'm.end_time',
        'm.place',
        'm.status',
        'm.published_at',
        (eb) => eb.selectFrom('meeting_decisions as d').select((e) => e.fn.countAll<number>().as('n')).whereRef('d.meeting_id', '=', 'm.id').as('decisions'),
        (eb) => eb.selectFrom('action_points as a').select((e) => e.fn.countAll<number>().as('n')).whereRef('a.meeting_id', '=', 'm.id').as('action_points'),
        (eb) =>
          eb
            .selectFrom('action_points as a')
            .select((e) => e.fn.countAll<number>().as('n'))
            .whereRef('a.meeting_id', '=', 'm.id')
            .where('a.status', '=', 'open')
            .as('open_action_points'),
      ]);
  }

  return {
    async list(actor: MeetingActor, query: MeetingListQuery) {
      let q = summaries(db).where(meetingVisibleTo(actor));
      if (query.region) q = q.where(sql<SqlBool>`${query.region} = ANY(m.region_pcodes)`);
      if (query.level) q = q.where('m.level', '=', query.level);
      if (query.status?.length) q = q.where('m.status', 'in', query.status);
      if (query.from) q = q.where('m.date', '>=', query.from);
      if (query.to) q = q.where('m.date', '<=', query.to);
      if (query.q) {
        for (const word of searchKey(query.q).split(' ').filter(Boolean)) q = q.where('m.search_key', 'like', `%${word.replace(/[%_\\]/g, '\\$&')}%`);
      }
      if (query.localityId || query.alertId) q = q.where(discussed(query));
      const descending = query.sort.startsWith('-');
      const key = query.sort.replace(/^-/, '');
      const direction = descending ? 'desc' : 'asc';
      return paginate(q, query, (p) => (key === 'title' ? p.orderBy('m.title', direction).orderBy('m.date', 'desc') : p.orderBy('m.date', direction).orderBy('m.start_time', direction)).orderBy('m.id'), (r) => r);
    },

    async find(trx: Kysely<DB>, id: string, forUpdate = false) {
      let q = trx
        .selectFrom('meetings as m')
        .leftJoin('organisations as co', 'co.id', 'm.chair_organisation_id')
        .leftJoin('users as cu', 'cu.id', 'm.created_by')
        .leftJoin('meetings as sm', 'sm.id', 'm.agenda_since_meeting_id')
        .selectAll('m')
        .select(['co.acronym as chair_acronym', 'co.name as chair_organisation_name', 'cu.name as created_by_name', 'sm.title as since_meeting_title', 'sm.date as since_meeting_date'])
        .where('m.id', '=', id);
      if (forUpdate) q = q.forUpdate('m');
      return q.executeTakeFirst();
    },

    async isInvited(trx: Kysely<DB>, actor: MeetingActor, meetingId: string): Promise<boolean> {
      const row = await trx.selectNoFrom(invited(actor, sql`${meetingId}::uuid`).as('invited')).executeTakeFirstOrThrow();
      return row.invited;
    },

    async insert(trx: Kysely<DB>, values: MeetingColumns, userId: string): Promise<string> {
      const { id } = await trx
        .insertInto('meetings')
        .values({ ...values, created_by: userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    /** Applies the change only at `version`; false when someone changed the meeting since. */
    async updateIfVersion(
      trx: Kysely<DB>,
      id: string,
      version: number,
      changes: Partial<MeetingColumns> & {
        status?: MeetingStatus;
        cancel_reason?: string | null;
        held_at?: Date | null;
        published_at?: Date | null;
        published_by?: string | null;
        agenda_at?: string;
        agenda_since?: string;
        agenda_since_meeting_id?: string | null;
        agenda_built_at?: Date;
        invitations_sent_at?: Date;
        invitation_sequence?: number;
      },
    ): Promise<boolean> {
      const result = await trx
        .updateTable('meetings')
        .set((eb) => ({ ...changes, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async participants(trx: Kysely<DB>, meetingId: string) {
      return trx
        .selectFrom('meeting_participants as p')
        .leftJoin('organisations as o', 'o.id', 'p.organisation_id')
        .leftJoin('users as u', 'u.id', 'p.user_id')
        .select(['p.id', 'p.organisation_id', 'o.acronym', 'o.name as organisation_name', 'p.user_id', 'u.name as user_name', 'u.email as user_email', 'p.name', 'p.email', 'p.invited', 'p.present'])
        .where('p.meeting_id', '=', meetingId)
        .orderBy('p.position')
        .execute();
    },

    async replaceParticipants(trx: Kysely<DB>, meetingId: string, participants: readonly NewParticipant[]): Promise<void> {
      await trx.deleteFrom('meeting_participants').where('meeting_id', '=', meetingId).execute();
      if (participants.length === 0) return;
      await trx
        .insertInto('meeting_participants')
        .values(
          participants.map((p, position) => ({
            meeting_id: meetingId,
            position,
            organisation_id: p.organisationId,
            user_id: p.userId,
            name: p.name,
            email: p.email,
            invited: p.invited,
            present: p.present,
          })),
        )
        .execute();
    },

    /** The demo's accounts by e-mail, as signed-in users (the demo meetings are written in their name). */
    async demoActors(emails: readonly string[]): Promise<Map<string, SessionUser>> {
      const rows = await db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'role', 'organisation_id', 'regions', 'language'])
        .where('email', 'in', [...emails])
        .where('active', '=', true)
        .execute();
      return new Map(
        rows.map((u) => [
          u.email,
          { id: u.id, email: u.email, name: u.name, role: u.role as Role, organisationId: u.organisation_id, regions: u.regions, language: u.language as Language, mustChangePassword: false, sessionId: 'demo', csrfToken: 'demo', apiToken: null },
        ]),
      );
    },

    async organisationIdsByAcronym(acronyms: readonly string[]): Promise<Map<string, string>> {
      const rows = await db.selectFrom('organisations').select(['id', 'acronym']).where('acronym', 'in', [...acronyms]).where('active', '=', true).execute();
      return new Map(rows.map((o) => [o.acronym, o.id]));
    },

    /** Active accounts by id, with their organisation (for participants and owners). */
    async activeUsers(trx: Kysely<DB>, ids: readonly string[]) {
      if (ids.length === 0) return [];
      return trx.selectFrom('users').select(['id', 'name', 'email', 'organisation_id', 'language']).where('id', 'in', ids).where('active', '=', true).execute();
    },

    /** Active accounts of an organisation, by name (no e-mail: names are what pickers show). */
    async peopleOf(organisationId: string) {
      return db.selectFrom('users').select(['id', 'name']).where('organisation_id', '=', organisationId).where('active', '=', true).orderBy('name').execute();
    },

    async activeOrganisationIds(trx: Kysely<DB>, ids: readonly string[]): Promise<Set<string>> {
      if (ids.length === 0) return new Set();
      const rows = await trx.selectFrom('organisations').select('id').where('id', 'in', ids).where('active', '=', true).execute();
      return new Set(rows.map((r) => r.id));
    },

    async regionNames(trx: Kysely<DB>, pcodes: readonly string[]): Promise<Map<string, string>> {
      if (pcodes.length === 0) return new Map();
      const rows = await trx.selectFrom('admin_areas').select(['pcode', 'name']).where('pcode', 'in', pcodes).where('level', '=', 1).execute();
      return new Map(rows.map((r) => [r.pcode, r.name]));
    },

    async localityRefs(trx: Kysely<DB>, ids: readonly string[]): Promise<Map<string, LocalityRef>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const { rows } = await sql<LocalityColumns>`SELECT ${localityColumns} FROM unnest(${unique}::uuid[]) AS p(locality_id) ${localityJoinsOn('p.locality_id')}`.execute(trx);
      return new Map(rows.map((r) => [r.l_id, localityRefOf(r)]));
    },

    async alertCodes(trx: Kysely<DB>, ids: readonly string[]): Promise<Map<string, string>> {
      const unique = [...new Set(ids)];
      if (unique.length === 0) return new Map();
      const rows = await trx.selectFrom('alerts').select(['id', 'code']).where('id', 'in', unique).execute();
      return new Map(rows.map((r) => [r.id, r.code]));
    },

    async localityExists(trx: Kysely<DB>, id: string): Promise<boolean> {
      return (await trx.selectFrom('localities').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    },

    async alertExists(trx: Kysely<DB>, id: string): Promise<boolean> {
      return (await trx.selectFrom('alerts').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
    },

    /**
     * The last meeting of the same series before `date`: same level, and for regional meetings a
     * region in common. Cancelled meetings do not count.
     */
    async previousInSeries(trx: Kysely<DB>, meeting: { id: string; level: string; region_pcodes: string[]; date: string }) {
      let q = trx
        .selectFrom('meetings as m')
        .select(['m.id', 'm.title', 'm.date'])
        .where('m.id', '<>', meeting.id)
        .where('m.level', '=', meeting.level)
        .where('m.date', '<', meeting.date)
        .where('m.status', '<>', 'cancelled');
      if (meeting.level === 'regional') q = q.where(sql<SqlBool>`m.region_pcodes && ${meeting.region_pcodes}::text[]`);
      return q.orderBy('m.date', 'desc').orderBy('m.start_time', 'desc').limit(1).executeTakeFirst();
    },

    /**
     * Who an invitation reaches: invited accounts, invited people by their e-mail, and for an
     * organisation invited as a whole its active accounts (read-only donor accounts aside).
     */
    async invitees(trx: Kysely<DB>, meetingId: string) {
      const { rows } = await sql<{ user_id: string | null; email: string | null; name: string | null; language: string | null }>`
        SELECT u.id AS user_id, u.email, u.name, u.language
        FROM meeting_participants p JOIN users u ON u.id = p.user_id AND u.active
        WHERE p.meeting_id = ${meetingId} AND p.invited
        UNION
        SELECT NULL, p.email, p.name, NULL
        FROM meeting_participants p
        WHERE p.meeting_id = ${meetingId} AND p.invited AND p.user_id IS NULL AND p.email IS NOT NULL
        UNION
        SELECT u.id, u.email, u.name, u.language
        FROM meeting_participants p JOIN users u ON u.organisation_id = p.organisation_id AND u.active AND u.role <> 'viewer'
        WHERE p.meeting_id = ${meetingId} AND p.invited AND p.user_id IS NULL AND p.name IS NULL AND p.email IS NULL`.execute(trx);
      return rows;
    },

    /** The words of a meeting the archive searches, accent- and case-folded. */
    async refreshSearchKey(trx: Kysely<DB>, meetingId: string): Promise<void> {
      const [meeting, items, decisions, actions] = await Promise.all([
        trx.selectFrom('meetings').select(['title', 'place', 'chair_name']).where('id', '=', meetingId).executeTakeFirstOrThrow(),
        trx.selectFrom('meeting_agenda_items').select(['title', 'description', 'notes']).where('meeting_id', '=', meetingId).execute(),
        trx.selectFrom('meeting_decisions').select('text').where('meeting_id', '=', meetingId).execute(),
        trx.selectFrom('action_points').select(['title', 'owner_name', 'status_note']).where('meeting_id', '=', meetingId).execute(),
      ]);
      const words = [
        meeting.title,
        meeting.place,
        meeting.chair_name,
        ...items.flatMap((i) => [i.title, i.description, i.notes]),
        ...decisions.map((d) => d.text),
        ...actions.flatMap((a) => [a.title, a.owner_name, a.status_note]),
      ];
      await trx
        .updateTable('meetings')
        .set({ search_key: searchKey(words.filter(Boolean).join(' ')) })
        .where('id', '=', meetingId)
        .execute();
    },
  };
}
export type MeetingsRepository = ReturnType<typeof meetingsRepository>;
