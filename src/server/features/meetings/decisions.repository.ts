import { type Kysely, type SqlBool, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type MeetingActor, meetingVisibleTo } from './meetings.repository.ts';

export interface DecisionValues {
  text: string;
  agendaItemId: string | null;
  localityId: string | null;
  sector: string | null;
  alertId: string | null;
}

const columns = ['d.id', 'd.meeting_id', 'd.number', 'd.text', 'd.agenda_item_id', 'd.locality_id', 'd.sector', 'd.alert_id', 'd.version'] as const;

export function decisionsRepository(db: Kysely<DB>) {
  return {
    async ofMeeting(trx: Kysely<DB> = db, meetingId: string) {
      return trx.selectFrom('meeting_decisions as d').select(columns).where('d.meeting_id', '=', meetingId).orderBy('d.number').execute();
    },

    async find(trx: Kysely<DB>, meetingId: string, id: string) {
      return trx.selectFrom('meeting_decisions as d').select(columns).where('d.meeting_id', '=', meetingId).where('d.id', '=', id).executeTakeFirst();
    },

    /** Numbers follow each other within a meeting (D1, D2…); the meeting row is locked by the caller. */
    async insert(trx: Kysely<DB>, meetingId: string, values: DecisionValues, userId: string): Promise<string> {
      const { next } = await trx
        .selectFrom('meeting_decisions')
        .select(sql<number>`coalesce(max(number), 0) + 1`.as('next'))
        .where('meeting_id', '=', meetingId)
        .executeTakeFirstOrThrow();
      const { id } = await trx
        .insertInto('meeting_decisions')
        .values({
          meeting_id: meetingId,
          number: next,
          text: values.text,
          agenda_item_id: values.agendaItemId,
          locality_id: values.localityId,
          sector: values.sector,
          alert_id: values.alertId,
          created_by: userId,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async updateIfVersion(trx: Kysely<DB>, id: string, version: number, values: DecisionValues): Promise<boolean> {
      const result = await trx
        .updateTable('meeting_decisions')
        .set((eb) => ({
          text: values.text,
          agenda_item_id: values.agendaItemId,
          locality_id: values.localityId,
          sector: values.sector,
          alert_id: values.alertId,
          updated_at: new Date(),
          version: eb('version', '+', 1),
        }))
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async deleteIfVersion(trx: Kysely<DB>, id: string, version: number): Promise<boolean> {
      const result = await trx.deleteFrom('meeting_decisions').where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },

    /** Decisions about a locality (and sector) in meetings the user may read, newest first. */
    async about(actor: MeetingActor, localityId: string, sector: string | undefined) {
      let q = db
        .selectFrom('meeting_decisions as d')
        .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
        .select(['d.id', 'd.number', 'd.text', 'm.id as meeting_id', 'm.title as meeting_title', 'm.date as meeting_date'])
        .where('d.locality_id', '=', localityId)
        .where('m.status', '<>', 'cancelled')
        .where(meetingVisibleTo(actor));
      if (sector) q = q.where(sql<SqlBool>`(d.sector = ${sector} OR d.sector IS NULL)`);
      return q.orderBy('m.date', 'desc').orderBy('d.number').limit(100).execute();
    },

    /** A decision as a gap follow-up cites it. */
    async ref(trx: Kysely<DB>, id: string) {
      return trx
        .selectFrom('meeting_decisions as d')
        .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
        .select(['d.id', 'd.number', 'd.text', 'd.locality_id', 'm.id as meeting_id', 'm.title as meeting_title', 'm.date as meeting_date', 'm.region_pcodes', 'm.status as meeting_status'])
        .where('d.id', '=', id)
        .executeTakeFirst();
    },
  };
}
export type DecisionsRepository = ReturnType<typeof decisionsRepository>;
