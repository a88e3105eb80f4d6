import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { MethodAttachment, MethodAttachmentList } from '../../../shared/contracts/packages.ts';
import { can, seesOrganisationDetail } from '../../../shared/permissions.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound } from '../../errors.ts';
import { requireAccess } from '../../lib/access.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext, SessionUser } from '../../lib/context.ts';
import { isPdf, pdfFileName, readLimited, type Upload } from '../../lib/upload.ts';
import type { AttachmentRow, MethodAttachmentsRepository } from './method-attachments.repository.ts';
import type { PackageRow, PackagesRepository } from './packages.repository.ts';
import { mayPropose } from './packages.service.ts';

/** Small documents, kept in the database: a guidance note or a form, not a video. */
const maxMegabytes = 10;
const maxPerVersion = 20;

const viewOf = (row: AttachmentRow, user: SessionUser): MethodAttachment => ({
  id: row.id,
  fileName: row.file_name,
  size: row.size,
  uploadedAt: row.uploaded_at.toISOString(),
  uploadedBy: seesOrganisationDetail(user) ? row.uploaded_by_name : null,
});

/**
 * The PDFs of a method version. They change with the version's text: on a draft or a proposal,
 * by those who may propose in its sector; on the endorsed version, by the coordinator who records
 * endorsements (the cluster's signed note often comes after the meeting). A superseded version
 * keeps what it had.
 */
export function methodAttachmentsService(deps: { db: Kysely<DB>; packages: PackagesRepository; attachments: MethodAttachmentsRepository }) {
  const { db, packages, attachments } = deps;

  async function methodOf(trx: Kysely<DB>, user: SessionUser, id: string, lock = false): Promise<PackageRow> {
    const row = await packages.find(trx, id, lock);
    if (!row || row.kind !== 'method') throw notFound();
    if (row.status === 'draft' && !can(user, 'package:propose')) throw notFound();
    return row;
  }

  /** Null when the user may change the attachments now, else the reason they may not. */
  async function refusal(trx: Kysely<DB>, user: SessionUser, row: PackageRow): Promise<AppError | null> {
    if (!can(user, 'package:propose')) return new AppError('forbidden', 403);
    if (row.status === 'draft' || row.status === 'proposed') {
      const focal = user.role === 'regional_coordinator' ? await packages.focalSectors(trx, user.id) : [];
      return mayPropose(user, row.sector, focal) ? null : new AppError('package_not_focal_point', 403);
    }
    if (row.status === 'endorsed' && can(user, 'package:endorse')) return null;
    return new AppError('method_attachment_locked', 409);
  }
  async function requireChange(trx: Kysely<DB>, user: SessionUser, row: PackageRow): Promise<void> {
    const refused = await refusal(trx, user, row);
    if (refused) throw refused;
  }

  return {
    async list(ctx: ServiceContext, id: string): Promise<MethodAttachmentList> {
      requireAccess(ctx.user, 'package:read');
      const row = await methodOf(db, ctx.user, id);
      const [rows, refused] = await Promise.all([attachments.list(db, id), refusal(db, ctx.user, row)]);
      return { items: rows.map((r) => viewOf(r, ctx.user)), canChange: refused === null, maxMegabytes };
    },

    /** Checks who may attach before reading the file, then that it is a PDF by its content, not its name. */
    async attach(ctx: ServiceContext, id: string, open: () => Promise<Upload | undefined>): Promise<MethodAttachment> {
      requireAccess(ctx.user, 'package:propose');
      await requireChange(db, ctx.user, await methodOf(db, ctx.user, id));
      const file = await open();
      if (!file) throw new AppError('file_missing', 400);
      const content = await readLimited(file.stream, maxMegabytes * 1024 * 1024);
      if (!content || file.stream.truncated) throw new AppError('method_attachment_too_large', 413, { detail: `${maxMegabytes} Mo / MB` });
      if (!isPdf(content)) throw new AppError('method_attachment_not_pdf', 400);
      return db.transaction().execute(async (trx) => {
        await requireChange(trx, ctx.user, await methodOf(trx, ctx.user, id, true));
        if ((await attachments.count(trx, id)) >= maxPerVersion) throw new AppError('method_attachment_limit', 409);
        const stored = { fileName: pdfFileName(file.filename, 'methode.pdf'), content, sha256: createHash('sha256').update(content).digest('hex') };
        const attachmentId = await attachments.insert(trx, id, stored, ctx.user.id);
        await recordAudit(trx, ctx, {
          action: 'create',
          entity: 'method_attachment',
          entityId: attachmentId,
          after: { methodId: id, fileName: stored.fileName, size: content.length, sha256: stored.sha256 },
        });
        const created = (await attachments.list(trx, id)).find((a) => a.id === attachmentId)!;
        return viewOf(created, ctx.user);
      });
    },

    async download(ctx: ServiceContext, id: string, attachmentId: string): Promise<{ fileName: string; content: Buffer }> {
      requireAccess(ctx.user, 'package:read');
      await methodOf(db, ctx.user, id);
      const found = await attachments.content(db, id, attachmentId);
      if (!found) throw notFound();
      return { fileName: found.file_name, content: found.content };
    },

    remove(ctx: ServiceContext, id: string, attachmentId: string): Promise<void> {
      requireAccess(ctx.user, 'package:propose');
      return db.transaction().execute(async (trx) => {
        await requireChange(trx, ctx.user, await methodOf(trx, ctx.user, id, true));
        const removed = await attachments.remove(trx, id, attachmentId);
        if (!removed) throw notFound();
        await recordAudit(trx, ctx, {
          action: 'delete',
          entity: 'method_attachment',
          entityId: attachmentId,
          before: { methodId: id, fileName: removed.file_name, size: removed.size, sha256: removed.sha256 },
        });
      });
    },
  };
}
export type MethodAttachmentsService = ReturnType<typeof methodAttachmentsService>;
