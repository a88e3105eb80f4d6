import { type Kysely, type Selectable, sql } from 'kysely';
import type { PackageKind, PackageStatus } from '../../../shared/contracts/packages.ts';
import { containsPattern } from '../../db/filters.ts';
import type { DB, PackagesTable } from '../../db/schema.ts';

export type PackageRow = Selectable<PackagesTable> & {
  author_name: string | null;
  recorded_by_name: string | null;
  decision_number: number | null;
  decision_meeting_id: string | null;
  meeting_title: string | null;
  meeting_date: string | null;
};

/** The fields a person writes; status, endorsement and bookkeeping are set by the lifecycle. */
export interface PackageWritable {
  sector: string;
  name: string;
  phase: string;
  modality: string | null;
  components: { item: string; quantity: number | null; unit: string | null }[];
  transferValueXof: number | null;
  recurring: boolean;
  durationMonths: number | null;
  frequency: string;
  targeting: string | null;
  methodType: string | null;
  description: string | null;
  documentUrl: string | null;
  references: string | null;
}

export interface PackageFilters {
  kind: PackageKind;
  sector?: string;
  status?: PackageStatus;
  phase?: string;
  methodType?: string;
  q?: string;
  current?: boolean;
  /** Readers who do not write packages see no drafts. */
  withDrafts: boolean;
}

const columnsOf = (v: PackageWritable) => ({
  sector: v.sector,
  name: v.name,
  phase: v.phase,
  modality: v.modality,
  components: JSON.stringify(v.components),
  transfer_value_xof: v.transferValueXof,
  recurring: v.recurring,
  duration_months: v.durationMonths,
  frequency: v.frequency,
  targeting: v.targeting,
  method_type: v.methodType,
  description: v.description,
  document_url: v.documentUrl,
  reference_text: v.references,
});

export function packagesRepository(db: Kysely<DB>) {
  const base = (trx: Kysely<DB>) =>
    trx
      .selectFrom('packages as p')
      .leftJoin('users as author', 'author.id', 'p.created_by')
      .leftJoin('users as recorder', 'recorder.id', 'p.endorsement_recorded_by')
      .leftJoin('meeting_decisions as d', 'd.id', 'p.endorsement_decision_id')
      .leftJoin('meetings as m', 'm.id', 'd.meeting_id')
      .selectAll('p')
      .select([
        'author.name as author_name',
        'recorder.name as recorded_by_name',
        'd.number as decision_number',
        'd.meeting_id as decision_meeting_id',
        'm.title as meeting_title',
        sql<string | null>`to_char(m.date, 'YYYY-MM-DD')`.as('meeting_date'),
      ]);

  function filtered(trx: Kysely<DB>, f: PackageFilters) {
    let q = base(trx).where('p.kind', '=', f.kind);
    if (f.sector) q = q.where('p.sector', '=', f.sector);
    if (f.status) q = q.where('p.status', '=', f.status);
    if (f.phase) q = q.where('p.phase', '=', f.phase);
    if (f.methodType) q = q.where('p.method_type', '=', f.methodType);
    if (!f.withDrafts) q = q.where('p.status', '!=', 'draft');
    if (f.q) q = q.where('p.name', 'ilike', containsPattern(f.q));
    if (f.current) {
      // The endorsed version of each package, else its latest visible version.
      q = q.where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('packages as o')
              .select(sql`1`.as('one'))
              .whereRef('o.series_id', '=', 'p.series_id')
              .whereRef('o.id', '!=', 'p.id')
              .where((w) => (f.withDrafts ? w.val(true) : w('o.status', '!=', 'draft')))
              .where((w) =>
                w.or([
                  w.and([w('o.status', '=', 'endorsed'), w('p.status', '!=', 'endorsed')]),
                  w.and([w('o.revision', '>', eb.ref('p.revision')), w('p.status', '!=', 'endorsed'), w('o.status', '!=', 'endorsed')]),
                ]),
              ),
          ),
        ),
      );
    }
    return q;
  }

  return {
    async list(f: PackageFilters, page: number, pageSize: number): Promise<{ rows: PackageRow[]; total: number }> {
      const [rows, count] = await Promise.all([
        filtered(db, f)
          .orderBy(sql`array_position(array['secal','nutrition','sante','eha','abris_ame','protection','education','relevement','cash'], p.sector)`)
          .orderBy('p.name')
          .orderBy('p.revision', 'desc')
          .limit(pageSize)
          .offset((page - 1) * pageSize)
          .execute(),
        filtered(db, f)
          .clearSelect()
          .select(sql<number>`count(*)::int`.as('n'))
          .executeTakeFirstOrThrow(),
      ]);
      return { rows: rows, total: Number(count.n) };
    },

    async all(f: PackageFilters): Promise<PackageRow[]> {
      return await filtered(db, f).orderBy('p.sector').orderBy('p.name').orderBy('p.revision').execute();
    },

    async find(trx: Kysely<DB>, id: string, lock = false): Promise<PackageRow | undefined> {
      if (lock) await trx.selectFrom('packages').select('id').where('id', '=', id).forUpdate().execute();
      return await base(trx).where('p.id', '=', id).executeTakeFirst();
    },

    async series(trx: Kysely<DB>, seriesId: string): Promise<PackageRow[]> {
      return await base(trx).where('p.series_id', '=', seriesId).orderBy('p.revision').execute();
    },

    async insert(trx: Kysely<DB>, kind: PackageKind, values: PackageWritable, userId: string, series?: { id: string; revision: number }): Promise<string> {
      const id = crypto.randomUUID();
      await trx
        .insertInto('packages')
        .values({ id, series_id: series?.id ?? id, revision: series?.revision ?? 1, kind, ...columnsOf(values), created_by: userId })
        .execute();
      return id;
    },

    async updateIfVersion(trx: Kysely<DB>, id: string, version: number, values: PackageWritable): Promise<boolean> {
      const result = await trx
        .updateTable('packages')
        .set({ ...columnsOf(values), version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    async setStatusIfVersion(
      trx: Kysely<DB>,
      id: string,
      version: number,
      change: {
        status: PackageStatus;
        proposed_at?: Date | null;
        endorsed_by?: string | null;
        endorsed_on?: string | null;
        endorsement_decision_id?: string | null;
        endorsement_recorded_by?: string | null;
      },
    ): Promise<boolean> {
      const result = await trx
        .updateTable('packages')
        .set({ ...change, version: sql`version + 1`, updated_at: new Date() })
        .where('id', '=', id)
        .where('version', '=', version)
        .executeTakeFirst();
      return result.numUpdatedRows === 1n;
    },

    /** The endorsed version of a series becomes superseded (a newer one is being endorsed). */
    async supersede(trx: Kysely<DB>, seriesId: string): Promise<string[]> {
      const rows = await trx
        .updateTable('packages')
        .set({ status: 'superseded', superseded_at: new Date(), version: sql`version + 1`, updated_at: new Date() })
        .where('series_id', '=', seriesId)
        .where('status', '=', 'endorsed')
        .returning('id')
        .execute();
      return rows.map((r) => r.id);
    },

    async deleteIfVersion(trx: Kysely<DB>, id: string, version: number): Promise<boolean> {
      const result = await trx.deleteFrom('packages').where('id', '=', id).where('version', '=', version).executeTakeFirst();
      return result.numDeletedRows === 1n;
    },

    async maxRevision(trx: Kysely<DB>, seriesId: string): Promise<number> {
      const row = await trx
        .selectFrom('packages')
        .select(sql<number>`max(revision)::int`.as('n'))
        .where('series_id', '=', seriesId)
        .executeTakeFirstOrThrow();
      return Number(row.n ?? 0);
    },

    async referenced(trx: Kysely<DB>, id: string): Promise<boolean> {
      const [a, b] = await Promise.all([
        trx.selectFrom('responses').select('id').where('package_id', '=', id).limit(1).executeTakeFirst(),
        trx.selectFrom('rrm_responses').select('id').where('package_id', '=', id).limit(1).executeTakeFirst(),
      ]);
      return Boolean(a ?? b);
    },

    async decisionExists(trx: Kysely<DB>, id: string): Promise<boolean> {
      return Boolean(await trx.selectFrom('meeting_decisions').select('id').where('id', '=', id).executeTakeFirst());
    },

    /** The decisions of the latest meetings (cancelled ones aside), newest first: what an endorsement may cite. */
    async recentDecisions(trx: Kysely<DB>, limit: number) {
      return await trx
        .selectFrom('meeting_decisions as d')
        .innerJoin('meetings as m', 'm.id', 'd.meeting_id')
        .select(['d.id', 'd.number', 'd.text', 'm.id as meeting_id', 'm.title as meeting_title', sql<string>`to_char(m.date, 'YYYY-MM-DD')`.as('meeting_date')])
        .where('m.status', '!=', 'cancelled')
        .orderBy('m.date', 'desc')
        .orderBy('m.start_time', 'desc')
        .orderBy('d.number')
        .limit(limit)
        .execute();
    },

    async focalSectors(trx: Kysely<DB>, userId: string): Promise<string[]> {
      return (await trx.selectFrom('sector_focal_points').select('sector').where('user_id', '=', userId).execute()).map((r) => r.sector);
    },

    /** Endorsed packages a response may name (superseded versions stay valid for responses that already name them). */
    async endorsedById(trx: Kysely<DB>, ids: readonly string[]): Promise<PackageRow[]> {
      if (ids.length === 0) return [];
      return await base(trx)
        .where('p.id', 'in', [...ids])
        .where('p.kind', '=', 'package')
        .execute();
    },
  };
}
export type PackagesRepository = ReturnType<typeof packagesRepository>;

export interface DeliverablePackage {
  id: string;
  sector: string;
  name: string;
  revision: number;
  status: string;
}

/** Packages a response may name (endorsed, or superseded since), all of them or those ids. */
export async function deliverablePackages(trx: Kysely<DB>, ids?: readonly string[]): Promise<DeliverablePackage[]> {
  if (ids && ids.length === 0) return [];
  let q = trx
    .selectFrom('packages')
    .select(['id', 'sector', 'name', 'revision', 'status'])
    .where('kind', '=', 'package')
    .where('status', 'in', ['endorsed', 'superseded'])
    .orderBy(sql`array_position(array['secal','nutrition','sante','eha','abris_ame','protection','education','relevement','cash'], sector)`)
    .orderBy('name')
    .orderBy('revision');
  if (ids) q = q.where('id', 'in', [...ids]);
  return q.execute();
}
