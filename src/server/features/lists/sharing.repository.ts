import { type Kysely, sql } from 'kysely';
import type { Page } from '../../../shared/contracts/common.ts';
import type { SharingStatus } from '../../../shared/contracts/lists.ts';
import type { DB } from '../../db/schema.ts';
import { paginate } from '../../lib/pagination.ts';

export interface SharingRecord {
  id: string;
  code: string;
  requester: { id: string; acronym: string; name: string };
  requestedBy: string;
  list: { id: string; code: string; title: string; organisation: { id: string; acronym: string; name: string } } | null;
  locality: { id: string; name: string; pcode: string | null } | null;
  sector: string | null;
  purpose: string;
  justification: string;
  fields: string[];
  from: string;
  to: string;
  status: SharingStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
  decisionReason: string | null;
  createdAt: Date;
  version: number;
}

export interface NewSharingRequest {
  requesterOrganisationId: string;
  requestedBy: string;
  listId: string | null;
  localityId: string | null;
  sector: string | null;
  purpose: string;
  justification: string;
  fields: string[];
  from: string;
  to: string;
}

function baseQuery(db: Kysely<DB>) {
  return db
    .selectFrom('sharing_requests as r')
    .innerJoin('organisations as ro', 'ro.id', 'r.requester_organisation_id')
    .innerJoin('users as ru', 'ru.id', 'r.requested_by')
    .leftJoin('users as du', 'du.id', 'r.decided_by')
    .leftJoin('beneficiary_lists as l', 'l.id', 'r.list_id')
    .leftJoin('organisations as lo', 'lo.id', 'l.organisation_id')
    .leftJoin('localities as loc', 'loc.id', 'r.locality_id')
    .select([
      'r.id',
      'r.code',
      'r.sector',
      'r.purpose',
      'r.justification',
      'r.fields',
      'r.period_from',
      'r.period_to',
      'r.status',
      'r.decided_at',
      'r.decision_reason',
      'r.created_at',
      'r.version',
      'ro.id as requester_id',
      'ro.acronym as requester_acronym',
      'ro.name as requester_name',
      'ru.name as requested_by',
      'du.name as decided_by',
      'l.id as list_id',
      'l.code as list_code',
      'l.title as list_title',
      'lo.id as owner_id',
      'lo.acronym as owner_acronym',
      'lo.name as owner_name',
      'loc.id as locality_id',
      'loc.name as locality_name',
      'loc.pcode as locality_pcode',
    ]);
}
type Row = Awaited<ReturnType<ReturnType<typeof baseQuery>['executeTakeFirstOrThrow']>>;

function toRecord(r: Row): SharingRecord {
  return {
    id: r.id,
    code: r.code,
    requester: { id: r.requester_id, acronym: r.requester_acronym, name: r.requester_name },
    requestedBy: r.requested_by,
    list: r.list_id ? { id: r.list_id, code: r.list_code!, title: r.list_title!, organisation: { id: r.owner_id!, acronym: r.owner_acronym!, name: r.owner_name! } } : null,
    locality: r.locality_id ? { id: r.locality_id, name: r.locality_name!, pcode: r.locality_pcode } : null,
    sector: r.sector,
    purpose: r.purpose,
    justification: r.justification,
    fields: r.fields,
    from: r.period_from,
    to: r.period_to,
    status: r.status as SharingStatus,
    decidedBy: r.decided_by,
    decidedAt: r.decided_at,
    decisionReason: r.decision_reason,
    createdAt: r.created_at,
    version: r.version,
  };
}

export function sharingRepository(db: Kysely<DB>) {
  return {
    /** Every request (the custodian), or those an organisation made or that concern its lists. */
    page(query: { page: number; pageSize: number; status?: SharingStatus; organisationId?: string }): Promise<Page<SharingRecord>> {
      let q = baseQuery(db);
      if (query.status) q = q.where('r.status', '=', query.status);
      if (query.organisationId) {
        const org = query.organisationId;
        q = q.where((eb) => eb.or([eb('r.requester_organisation_id', '=', org), eb('l.organisation_id', '=', org)]));
      }
      return paginate(q, query, (x) => x.orderBy('r.created_at', 'desc').orderBy('r.id'), toRecord);
    },
    async get(trx: Kysely<DB>, id: string): Promise<SharingRecord | undefined> {
      const row = await baseQuery(trx).where('r.id', '=', id).executeTakeFirst();
      return row && toRecord(row);
    },
    async insert(trx: Kysely<DB>, values: NewSharingRequest, year: number): Promise<string> {
      const { n } = await sql<{ n: number }>`SELECT nextval('sharing_request_code_seq')::int AS n`.execute(trx).then((r) => r.rows[0]!);
      const { id } = await trx
        .insertInto('sharing_requests')
        .values({
          code: `PRT-${year}-${String(n).padStart(4, '0')}`,
          requester_organisation_id: values.requesterOrganisationId,
          requested_by: values.requestedBy,
          list_id: values.listId,
          locality_id: values.localityId,
          sector: values.sector,
          purpose: values.purpose,
          justification: values.justification,
          fields: values.fields,
          period_from: values.from,
          period_to: values.to,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },
    async decide(trx: Kysely<DB>, id: string, version: number, decision: { status: 'approved' | 'refused'; reason: string; userId: string }): Promise<boolean> {
      const result = await trx
        .updateTable('sharing_requests')
        .set({ status: decision.status, decision_reason: decision.reason, decided_by: decision.userId, decided_at: new Date(), version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .where('status', '=', 'pending')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    /** Active users of these organisations, or of a role: whom a request or a decision concerns. */
    recipients(filter: { organisationIds?: string[]; role?: string }) {
      let q = db.selectFrom('users').select(['id', 'language']).where('active', '=', true);
      if (filter.organisationIds) q = q.where('organisation_id', 'in', filter.organisationIds.length > 0 ? filter.organisationIds : ['00000000-0000-0000-0000-000000000000']);
      if (filter.role) q = q.where('role', '=', filter.role);
      return q.execute();
    },
    async notify(trx: Kysely<DB>, rows: { userId: string; kind: 'sharing_request' | 'sharing_decision'; key: string; title: string; body: string; link: string }[]): Promise<void> {
      if (rows.length === 0) return;
      await trx
        .insertInto('notifications')
        .values(rows.map((r) => ({ user_id: r.userId, kind: r.kind, key: r.key, title: r.title, body: r.body, link: r.link })))
        .onConflict((oc) => oc.columns(['user_id', 'kind', 'key']).doNothing())
        .execute();
    },
  };
}
export type SharingRepository = ReturnType<typeof sharingRepository>;
