import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  type Assessment,
  type AssessmentInput,
  type AssessmentListQuery,
  type AssessmentPatch,
  assessmentViolations,
} from '../../../shared/contracts/assessments.ts';
import type { Page } from '../../../shared/contracts/common.ts';
import { errorMessage } from '../../../shared/errors.ts';
import { todayIso } from '../../../shared/phases.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { isPdf, pdfFileName, readLimited, type Upload } from '../../lib/upload.ts';
import { ruleError } from '../alerts/alerts.module.ts';
import type { OrganisationsRepository } from '../organisations/organisations.module.ts';
import type { AssessmentsRepository, AssessmentValues } from './assessments.repository.ts';
import type { AssessmentSettingsRepository } from '../settings/settings.module.ts';

function regionsOf(locality: { adm1Pcode: string | null }): string[] {
  return locality.adm1Pcode ? [locality.adm1Pcode] : [];
}

export function assessmentsService(deps: {
  db: Kysely<DB>;
  assessments: AssessmentsRepository;
  assessmentSettings: AssessmentSettingsRepository;
  organisations: OrganisationsRepository;
}) {
  const { db, assessments, assessmentSettings, organisations } = deps;

  async function current(trx: Kysely<DB>, id: string): Promise<Assessment> {
    return (await assessments.findById(trx, id)) ?? Promise.reject(notFound());
  }

  /** Checks references and the rules across fields; returns the locality's regions for the permission. */
  async function checkValues(trx: Kysely<DB>, ctx: ServiceContext, values: AssessmentValues, results: AssessmentInput['results']): Promise<string[]> {
    const locality = await assessments.findLocalityRegion(trx, values.localityId);
    if (!locality) throw new AppError('unknown_locality', 400, { errors: [{ path: 'body.localityId', message: errorMessage('unknown_locality', ctx.user.language) }] });
    if (!(await organisations.isActive(trx, values.organisationId))) throw new AppError('unknown_organisation', 400);
    const violations = assessmentViolations({ ...values, status: values.status as Assessment['status'], results }, todayIso());
    if (violations.length) throw ruleError(ctx, violations);
    return regionsOf(locality);
  }

  async function writable(trx: Kysely<DB>, ctx: ServiceContext, id: string): Promise<Assessment> {
    const assessment = await current(trx, id);
    requireAccess(ctx.user, 'assessment:write', { organisationId: assessment.organisation.id, regionPcodes: regionsOf(assessment.locality) });
    return assessment;
  }

  return {
    list(ctx: ServiceContext, query: AssessmentListQuery): Promise<Page<Assessment>> {
      requireAccess(ctx.user, 'gap:read');
      return assessments.list(query, query);
    },

    async get(ctx: ServiceContext, id: string): Promise<Assessment> {
      requireAccess(ctx.user, 'gap:read');
      return current(db, id);
    },

    create(ctx: ServiceContext, input: AssessmentInput): Promise<Assessment> {
      requireAccess(ctx.user, 'assessment:write');
      const organisationId = input.organisationId ?? ctx.user.organisationId;
      if (!organisationId) throw new AppError('organisation_required', 400);
      return db.transaction().execute(async (trx) => {
        const { results, ...rest } = input;
        const values: AssessmentValues = { ...rest, organisationId };
        const regionPcodes = await checkValues(trx, ctx, values, results);
        requireAccess(ctx.user, 'assessment:write', { organisationId, regionPcodes });
        const id = await assessments.insert(trx, values, ctx.user.id);
        await assessments.replaceResults(trx, id, results);
        const created = await current(trx, id);
        await recordAudit(trx, ctx, { action: 'create', entity: 'assessment', entityId: id, after: created });
        return created;
      });
    },

    update(ctx: ServiceContext, id: string, patch: AssessmentPatch): Promise<Assessment> {
      requireAccess(ctx.user, 'assessment:write');
      return db.transaction().execute(async (trx) => {
        const before = await writable(trx, ctx, id);
        if (before.version !== patch.version) throw versionConflict(before);
        const { version, results, ...changes } = patch;
        const merged: AssessmentValues = {
          localityId: changes.localityId ?? before.locality.id,
          kind: changes.kind ?? before.kind,
          status: changes.status ?? before.status,
          organisationId: changes.organisationId ?? before.organisation.id,
          startDate: changes.startDate ?? before.startDate,
          endDate: changes.endDate !== undefined ? changes.endDate : before.endDate,
          title: changes.title !== undefined ? changes.title : before.title,
          notes: changes.notes !== undefined ? changes.notes : before.notes,
        };
        const regionPcodes = await checkValues(trx, ctx, merged, results ?? before.results);
        requireAccess(ctx.user, 'assessment:write', { organisationId: merged.organisationId, regionPcodes });
        if (!(await assessments.updateIfVersion(trx, id, version, changes, ctx.user.id))) throw versionConflict(await current(trx, id));
        if (results) await assessments.replaceResults(trx, id, results);
        const after = await current(trx, id);
        await recordAudit(trx, ctx, { action: 'update', entity: 'assessment', entityId: id, before, after });
        return after;
      });
    },

    /** Stores the PDF report, replacing any earlier one. The permission is checked before the file is read. */
    async uploadReport(ctx: ServiceContext, id: string, open: () => Promise<Upload | undefined>): Promise<Assessment> {
      requireAccess(ctx.user, 'assessment:write');
      await writable(db, ctx, id);
      const file = await open();
      if (!file) throw new AppError('file_missing', 400);
      const { reportMaxMegabytes } = await assessmentSettings.get();
      const content = await readLimited(file.stream, reportMaxMegabytes * 1024 * 1024);
      if (!content || file.stream.truncated) throw new AppError('report_too_large', 413, { detail: `${reportMaxMegabytes} Mo` });
      if (!isPdf(content)) throw new AppError('report_not_pdf', 400);
      return db.transaction().execute(async (trx) => {
        const before = await writable(trx, ctx, id);
        const report = { fileName: pdfFileName(file.filename, 'rapport.pdf'), content, sha256: createHash('sha256').update(content).digest('hex') };
        await assessments.saveReport(trx, id, report, ctx.user.id);
        await assessments.touch(trx, id, ctx.user.id);
        await recordAudit(trx, ctx, {
          action: 'update',
          entity: 'assessment_report',
          entityId: id,
          before: before.report,
          after: { fileName: report.fileName, size: content.length, sha256: report.sha256 },
        });
        return current(trx, id);
      });
    },

    async downloadReport(ctx: ServiceContext, id: string): Promise<{ fileName: string; content: Buffer }> {
      requireAccess(ctx.user, 'gap:read');
      const report = await assessments.findReport(db, id);
      if (!report) throw notFound();
      return { fileName: report.file_name, content: report.content };
    },

    deleteReport(ctx: ServiceContext, id: string): Promise<Assessment> {
      requireAccess(ctx.user, 'assessment:write');
      return db.transaction().execute(async (trx) => {
        const before = await writable(trx, ctx, id);
        if (!(await assessments.deleteReport(trx, id))) throw notFound();
        await assessments.touch(trx, id, ctx.user.id);
        await recordAudit(trx, ctx, { action: 'delete', entity: 'assessment_report', entityId: id, before: before.report });
        return current(trx, id);
      });
    },
  };
}
export type AssessmentsService = ReturnType<typeof assessmentsService>;
