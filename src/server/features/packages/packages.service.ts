import type { Kysely } from 'kysely';
import type { Page } from '../../../shared/contracts/common.ts';
import type { DecisionRef } from '../../../shared/contracts/meetings.ts';
import type {
  EndorseInput,
  HarmonisedMethod,
  HarmonisedPackage,
  MethodListQuery,
  MethodValues,
  PackageKind,
  PackageListQuery,
  PackageStatus,
  PackageValues,
} from '../../../shared/contracts/packages.ts';
import { can, seesOrganisationDetail } from '../../../shared/permissions.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext, SessionUser } from '../../lib/context.ts';
import type { MethodAttachmentsRepository } from './method-attachments.repository.ts';
import type { PackageFilters, PackageRow, PackagesRepository, PackageWritable } from './packages.repository.ts';

type Out<K extends PackageKind> = K extends 'package' ? HarmonisedPackage : HarmonisedMethod;

const iso = (d: Date | string | null) => (d === null ? null : d instanceof Date ? d.toISOString() : d);

function sharedView(row: PackageRow, user: SessionUser, focal: readonly string[]) {
  const proposer = mayPropose(user, row.sector, focal);
  // Who wrote or recorded it is staff detail: donors read the package, not the names.
  const staff = seesOrganisationDetail(user);
  return {
    id: row.id,
    seriesId: row.series_id,
    sector: row.sector as HarmonisedPackage['sector'],
    name: row.name,
    revision: row.revision,
    phase: row.phase as HarmonisedPackage['phase'],
    status: row.status as PackageStatus,
    references: row.reference_text,
    endorsement:
      row.endorsed_by && row.endorsed_on
        ? {
            by: row.endorsed_by as 'cluster' | 'iccg',
            on: row.endorsed_on,
            decision:
              row.endorsement_decision_id && row.decision_meeting_id
                ? {
                    id: row.endorsement_decision_id,
                    number: row.decision_number!,
                    meetingId: row.decision_meeting_id,
                    meetingTitle: row.meeting_title!,
                    meetingDate: row.meeting_date!,
                  }
                : null,
            recordedBy: staff ? row.recorded_by_name : null,
          }
        : null,
    proposedAt: iso(row.proposed_at),
    supersededAt: iso(row.superseded_at),
    author: staff ? row.author_name : null,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    version: row.version,
    can: {
      edit: proposer && (row.status === 'draft' || row.status === 'proposed'),
      propose: proposer && row.status === 'draft',
      endorse: can(user, 'package:endorse') && row.status === 'proposed',
      revise: proposer && (row.status === 'endorsed' || row.status === 'superseded'),
    },
  };
}

export function packageView(row: PackageRow, user: SessionUser, focal: readonly string[] = []): HarmonisedPackage {
  return {
    ...sharedView(row, user, focal),
    modality: row.modality as HarmonisedPackage['modality'],
    components: row.components as HarmonisedPackage['components'],
    transferValueXof: row.transfer_value_xof,
    recurring: row.recurring,
    durationMonths: row.duration_months,
    frequency: row.frequency as HarmonisedPackage['frequency'],
    targeting: row.targeting,
  };
}

export function methodView(row: PackageRow, user: SessionUser, focal: readonly string[] = []): HarmonisedMethod {
  return {
    ...sharedView(row, user, focal),
    methodType: row.method_type as HarmonisedMethod['methodType'],
    description: row.description,
    documentUrl: row.document_url,
  };
}

/**
 * Coordinators (and admins) propose in every sector; a regional coordinator only in the sectors
 * they follow as cluster focal point. Endorsement is the national coordinator's (see permissions.ts).
 */
export function mayPropose(user: SessionUser, sector: string, focal: readonly string[]): boolean {
  if (!can(user, 'package:propose')) return false;
  return user.role !== 'regional_coordinator' || focal.includes(sector);
}

export function writableOfPackage(v: PackageValues): PackageWritable {
  return { ...v, methodType: null, description: null, documentUrl: null };
}
export function writableOfMethod(v: MethodValues): PackageWritable {
  return { ...v, modality: null, components: [], transferValueXof: null, recurring: false, durationMonths: null, frequency: 'once', targeting: null };
}

/** One service for both kinds: packages and methods follow the same lifecycle and rules. */
export function harmonisedService<K extends PackageKind>(
  kind: K,
  deps: { db: Kysely<DB>; packages: PackagesRepository; attachments?: MethodAttachmentsRepository },
) {
  const { db, packages, attachments } = deps;
  const entity = kind === 'package' ? 'package' : 'method';
  const focalOf = (trx: Kysely<DB>, user: SessionUser) => (user.role === 'regional_coordinator' ? packages.focalSectors(trx, user.id) : Promise.resolve([]));
  const viewOf = (row: PackageRow, user: SessionUser, focal: readonly string[]) =>
    (kind === 'package' ? packageView(row, user, focal) : methodView(row, user, focal)) as Out<K>;

  async function load(trx: Kysely<DB>, user: SessionUser, id: string, lock = false): Promise<PackageRow> {
    const row = await packages.find(trx, id, lock);
    if (!row || row.kind !== kind) throw notFound();
    if (row.status === 'draft' && !can(user, 'package:propose')) throw notFound();
    return row;
  }
  async function view(trx: Kysely<DB>, user: SessionUser, id: string): Promise<Out<K>> {
    return viewOf(await load(trx, user, id), user, await focalOf(trx, user));
  }
  async function requireProposer(trx: Kysely<DB>, user: SessionUser, sector: string): Promise<void> {
    requireAccess(user, 'package:propose');
    if (!mayPropose(user, sector, await focalOf(trx, user))) throw new AppError('package_not_focal_point', 403);
  }

  /** A lifecycle step: checked, versioned, audited, in one transaction. */
  async function step(
    ctx: ServiceContext,
    id: string,
    version: number,
    from: readonly PackageStatus[],
    apply: (trx: Kysely<DB>, row: PackageRow) => Promise<boolean>,
  ): Promise<Out<K>> {
    return db.transaction().execute(async (trx) => {
      const row = await load(trx, ctx.user, id, true);
      if (!from.includes(row.status as PackageStatus)) throw new AppError('package_status_transition', 409);
      const before = await view(trx, ctx.user, id);
      if (!(await apply(trx, row))) throw versionConflict(before);
      const after = await view(trx, ctx.user, id);
      await recordAudit(trx, ctx, { action: 'update', entity, entityId: id, before, after });
      return after;
    });
  }

  return {
    /** The meeting decisions an endorsement may cite: those of the latest meetings. */
    async endorsementDecisions(ctx: ServiceContext): Promise<{ items: DecisionRef[] }> {
      requireAccess(ctx.user, 'package:endorse');
      const rows = await packages.recentDecisions(db, 100);
      return {
        items: rows.map((r) => ({ id: r.id, number: r.number, text: r.text, meeting: { id: r.meeting_id, title: r.meeting_title, date: r.meeting_date } })),
      };
    },

    async list(ctx: ServiceContext, query: PackageListQuery | MethodListQuery): Promise<Page<Out<K>>> {
      requireAccess(ctx.user, 'package:read');
      const filters: PackageFilters = { ...query, kind, withDrafts: can(ctx.user, 'package:propose') };
      const [{ rows, total }, focal] = await Promise.all([packages.list(filters, query.page, query.pageSize), focalOf(db, ctx.user)]);
      return { items: rows.map((r) => viewOf(r, ctx.user, focal)), total, page: query.page, pageSize: query.pageSize };
    },

    async all(ctx: ServiceContext, filters: Omit<PackageFilters, 'kind' | 'withDrafts'>): Promise<Out<K>[]> {
      requireAccess(ctx.user, 'package:read');
      const rows = await packages.all({ ...filters, kind, withDrafts: can(ctx.user, 'package:propose') });
      return rows.map((r) => viewOf(r, ctx.user, []));
    },

    get(ctx: ServiceContext, id: string): Promise<Out<K>> {
      requireAccess(ctx.user, 'package:read');
      return view(db, ctx.user, id);
    },

    async versions(ctx: ServiceContext, id: string): Promise<{ items: Out<K>[] }> {
      requireAccess(ctx.user, 'package:read');
      const row = await load(db, ctx.user, id);
      const focal = await focalOf(db, ctx.user);
      const rows = (await packages.series(db, row.series_id)).filter((r) => r.status !== 'draft' || can(ctx.user, 'package:propose'));
      return { items: rows.map((r) => viewOf(r, ctx.user, focal)) };
    },

    create(ctx: ServiceContext, values: PackageWritable): Promise<Out<K>> {
      return db.transaction().execute(async (trx) => {
        await requireProposer(trx, ctx.user, values.sector);
        const id = await packages.insert(trx, kind, values, ctx.user.id);
        const created = await view(trx, ctx.user, id);
        await recordAudit(trx, ctx, { action: 'create', entity, entityId: id, after: created });
        return created;
      });
    },

    update(ctx: ServiceContext, id: string, version: number, values: PackageWritable): Promise<Out<K>> {
      return db.transaction().execute(async (trx) => {
        const row = await load(trx, ctx.user, id, true);
        await requireProposer(trx, ctx.user, row.sector);
        await requireProposer(trx, ctx.user, values.sector);
        if (row.status !== 'draft' && row.status !== 'proposed') throw new AppError('package_not_editable', 409);
        // A later version keeps its package's sector: the series is one package.
        if (row.revision > 1 && values.sector !== row.sector) throw new AppError('package_not_editable', 409);
        const before = await view(trx, ctx.user, id);
        if (!(await packages.updateIfVersion(trx, id, version, values))) throw versionConflict(before);
        const after = await view(trx, ctx.user, id);
        await recordAudit(trx, ctx, { action: 'update', entity, entityId: id, before, after });
        return after;
      });
    },

    remove(ctx: ServiceContext, id: string, version: number): Promise<void> {
      return db.transaction().execute(async (trx) => {
        const row = await load(trx, ctx.user, id, true);
        await requireProposer(trx, ctx.user, row.sector);
        if (row.status !== 'draft' || (await packages.referenced(trx, id))) throw new AppError('package_not_editable', 409);
        const before = await view(trx, ctx.user, id);
        if (!(await packages.deleteIfVersion(trx, id, version))) throw versionConflict(before);
        await recordAudit(trx, ctx, { action: 'delete', entity, entityId: id, before });
      });
    },

    async propose(ctx: ServiceContext, id: string, version: number): Promise<Out<K>> {
      return step(ctx, id, version, ['draft'], async (trx, row) => {
        await requireProposer(trx, ctx.user, row.sector);
        return packages.setStatusIfVersion(trx, id, version, { status: 'proposed', proposed_at: new Date() });
      });
    },

    /** Back to draft: the author takes a proposal back, or the endorser sends it back. */
    async withdraw(ctx: ServiceContext, id: string, version: number): Promise<Out<K>> {
      return step(ctx, id, version, ['proposed'], async (trx, row) => {
        if (!can(ctx.user, 'package:endorse')) await requireProposer(trx, ctx.user, row.sector);
        return packages.setStatusIfVersion(trx, id, version, { status: 'draft', proposed_at: null });
      });
    },

    /** Records the cluster's or the ICCG's endorsement; the previously endorsed version is superseded. */
    async endorse(ctx: ServiceContext, id: string, input: Required<EndorseInput>): Promise<Out<K>> {
      requireAccess(ctx.user, 'package:endorse');
      return step(ctx, id, input.version, ['proposed'], async (trx, row) => {
        if (input.decisionId && !(await packages.decisionExists(trx, input.decisionId))) throw new AppError('endorsement_decision_unknown', 400);
        const superseded = await packages.supersede(trx, row.series_id);
        for (const oldId of superseded) await recordAudit(trx, ctx, { action: 'update', entity, entityId: oldId, after: { status: 'superseded', by: id } });
        return packages.setStatusIfVersion(trx, id, input.version, {
          status: 'endorsed',
          endorsed_by: input.endorsedBy,
          endorsed_on: input.endorsedOn,
          endorsement_decision_id: input.decisionId,
          endorsement_recorded_by: ctx.user.id,
        });
      });
    },

    /** A new version, as a draft copy of this one. */
    revise(ctx: ServiceContext, id: string, version: number): Promise<Out<K>> {
      return db.transaction().execute(async (trx) => {
        const row = await load(trx, ctx.user, id, true);
        await requireProposer(trx, ctx.user, row.sector);
        if (row.version !== version) throw versionConflict(await view(trx, ctx.user, id));
        if (row.status !== 'endorsed' && row.status !== 'superseded') throw new AppError('package_status_transition', 409);
        const series = await packages.series(trx, row.series_id);
        if (series.some((r) => r.status === 'draft' || r.status === 'proposed')) throw new AppError('package_revision_open', 409);
        const values: PackageWritable = {
          sector: row.sector,
          name: row.name,
          phase: row.phase,
          modality: row.modality,
          components: row.components as PackageWritable['components'],
          transferValueXof: row.transfer_value_xof,
          recurring: row.recurring,
          durationMonths: row.duration_months,
          frequency: row.frequency,
          targeting: row.targeting,
          methodType: row.method_type,
          description: row.description,
          documentUrl: row.document_url,
          references: row.reference_text,
        };
        const newId = await packages.insert(trx, kind, values, ctx.user.id, {
          id: row.series_id,
          revision: (await packages.maxRevision(trx, row.series_id)) + 1,
        });
        // A method's documents carry over to its new version, to be replaced there if they change.
        if (attachments) await attachments.copy(trx, id, newId);
        const created = await view(trx, ctx.user, newId);
        await recordAudit(trx, ctx, { action: 'create', entity, entityId: newId, after: created });
        return created;
      });
    },
  };
}
export type PackagesService = ReturnType<typeof harmonisedService<'package'>>;
export type MethodsService = ReturnType<typeof harmonisedService<'method'>>;
