import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import type { AgendaRepository } from './agenda.repository.ts';
import type { MeetingsRepository } from './meetings.repository.ts';

export interface ConcernValues {
  localityId: string | null;
  sector: string | null;
  alertId: string | null;
  agendaItemId: string | null;
}

/** The records a decision or action point points to exist, and its agenda item is of its meeting. */
export async function checkConcern(trx: Kysely<DB>, repositories: { meetings: MeetingsRepository; agenda: AgendaRepository }, meetingId: string, values: ConcernValues): Promise<void> {
  if (values.sector && !values.localityId) throw new AppError('concern_sector_without_locality', 400);
  if (values.localityId && !(await repositories.meetings.localityExists(trx, values.localityId))) throw new AppError('unknown_locality', 400);
  if (values.alertId && !(await repositories.meetings.alertExists(trx, values.alertId))) throw new AppError('unknown_alert', 400);
  if (values.agendaItemId && !(await repositories.agenda.item(trx, meetingId, values.agendaItemId))) throw new AppError('agenda_item_unknown', 400);
}
