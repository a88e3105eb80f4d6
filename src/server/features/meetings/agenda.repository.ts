import type { Kysely } from 'kysely';
import type { AgendaEntryKind, AgendaFacts, AgendaItemKind } from '../../../shared/contracts/meetings.ts';
import type { DB } from '../../db/schema.ts';

export interface NewAgendaEntry {
  kind: AgendaEntryKind;
  localityId?: string | null;
  sector?: string | null;
  alertId?: string | null;
  assessmentId?: string | null;
  actionPointId?: string | null;
  facts: AgendaFacts;
}

export interface NewAgendaItem {
  kind: AgendaItemKind;
  title: string | null;
  description: string | null;
  entries: NewAgendaEntry[];
}

export function agendaRepository(db: Kysely<DB>) {
  return {
    async items(trx: Kysely<DB> = db, meetingId: string) {
      return trx
        .selectFrom('meeting_agenda_items')
        .select(['id', 'position', 'kind', 'title', 'description', 'notes', 'version'])
        .where('meeting_id', '=', meetingId)
        .orderBy('position')
        .execute();
    },

    async item(trx: Kysely<DB>, meetingId: string, itemId: string) {
      return trx
        .selectFrom('meeting_agenda_items')
        .select(['id', 'position', 'kind', 'title', 'description', 'notes', 'version'])
        .where('meeting_id', '=', meetingId)
        .where('id', '=', itemId)
        .executeTakeFirst();
    },

    /** Every entry of a meeting's agenda, with the current status of the action points listed. */
    async entries(trx: Kysely<DB> = db, meetingId: string) {
      return trx
        .selectFrom('meeting_agenda_entries as e')
        .leftJoin('action_points as a', 'a.id', 'e.action_point_id')
        .select(['e.id', 'e.item_id', 'e.position', 'e.kind', 'e.locality_id', 'e.sector', 'e.alert_id', 'e.assessment_id', 'e.action_point_id', 'e.facts', 'a.status as action_status', 'a.meeting_id as action_meeting_id'])
        .where('e.meeting_id', '=', meetingId)
        .orderBy('e.item_id')
        .orderBy('e.position')
        .execute();
    },

    /** Appends items (and their entries) after position `from`. */
    async insertItems(trx: Kysely<DB>, meetingId: string, items: readonly NewAgendaItem[], from = 0): Promise<void> {
      for (const [index, item] of items.entries()) {
        const { id } = await trx
          .insertInto('meeting_agenda_items')
          .values({ meeting_id: meetingId, position: from + index, kind: item.kind, title: item.title, description: item.description })
          .returning('id')
          .executeTakeFirstOrThrow();
        if (item.entries.length === 0) continue;
        await trx
          .insertInto('meeting_agenda_entries')
          .values(
            item.entries.map((e, position) => ({
              item_id: id,
              meeting_id: meetingId,
              position,
              kind: e.kind,
              locality_id: e.localityId ?? null,
              sector: e.sector ?? null,
              alert_id: e.alertId ?? null,
              assessment_id: e.assessmentId ?? null,
              action_point_id: e.actionPointId ?? null,
              facts: JSON.stringify(e.facts),
            })),
          )
          .execute();
      }
    },

    async insertCustomItem(trx: Kysely<DB>, meetingId: string, position: number, title: string, description: string | null): Promise<string> {
      const { id } = await trx
        .insertInto('meeting_agenda_items')
        .values({ meeting_id: meetingId, position, kind: 'custom', title, description })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async updateItem(trx: Kysely<DB>, itemId: string, changes: { position: number; title: string | null; description: string | null }): Promise<void> {
      await trx
        .updateTable('meeting_agenda_items')
        .set((eb) => ({ ...changes, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', itemId)
        .execute();
    },

    async deleteItems(trx: Kysely<DB>, meetingId: string, ids: readonly string[]): Promise<void> {
      if (ids.length === 0) return;
      await trx.deleteFrom('meeting_agenda_items').where('meeting_id', '=', meetingId).where('id', 'in', ids).execute();
    },

    /** Keeps `keep` entries of an item, in that order, and removes the others. */
    async keepEntries(trx: Kysely<DB>, itemId: string, keep: readonly string[]): Promise<void> {
      let removal = trx.deleteFrom('meeting_agenda_entries').where('item_id', '=', itemId);
      if (keep.length) removal = removal.where('id', 'not in', keep);
      await removal.execute();
      for (const [position, id] of keep.entries()) {
        await trx.updateTable('meeting_agenda_entries').set({ position }).where('id', '=', id).where('item_id', '=', itemId).execute();
      }
    },

    async updateNotesIfVersion(trx: Kysely<DB>, itemId: string, version: number, notes: string): Promise<boolean> {
      const result = await trx
        .updateTable('meeting_agenda_items')
        .set((eb) => ({ notes, updated_at: new Date(), version: eb('version', '+', 1) }))
        .where('id', '=', itemId)
        .where('version', '=', version)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
  };
}
export type AgendaRepository = ReturnType<typeof agendaRepository>;
