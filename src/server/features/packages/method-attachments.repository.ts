import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';

export interface AttachmentRow {
  id: string;
  file_name: string;
  size: number;
  uploaded_at: Date;
  uploaded_by_name: string | null;
}

/** The PDFs of method versions; lists never read the bytes. */
export function methodAttachmentsRepository() {
  return {
    async list(trx: Kysely<DB>, methodId: string): Promise<AttachmentRow[]> {
      return await trx
        .selectFrom('method_attachments as a')
        .leftJoin('users as u', 'u.id', 'a.uploaded_by')
        .select(['a.id', 'a.file_name', 'a.size', 'a.uploaded_at', 'u.name as uploaded_by_name'])
        .where('a.package_id', '=', methodId)
        .orderBy('a.uploaded_at')
        .orderBy('a.id')
        .execute();
    },

    async count(trx: Kysely<DB>, methodId: string): Promise<number> {
      const row = await trx
        .selectFrom('method_attachments')
        .select(sql<number>`count(*)::int`.as('n'))
        .where('package_id', '=', methodId)
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    async insert(trx: Kysely<DB>, methodId: string, file: { fileName: string; content: Buffer; sha256: string }, userId: string): Promise<string> {
      const { id } = await trx
        .insertInto('method_attachments')
        .values({ package_id: methodId, file_name: file.fileName, content: file.content, size: file.content.length, sha256: file.sha256, uploaded_by: userId })
        .returning('id')
        .executeTakeFirstOrThrow();
      return id;
    },

    async content(trx: Kysely<DB>, methodId: string, id: string): Promise<{ file_name: string; content: Buffer } | undefined> {
      return await trx
        .selectFrom('method_attachments')
        .select(['file_name', 'content'])
        .where('id', '=', id)
        .where('package_id', '=', methodId)
        .executeTakeFirst();
    },

    async remove(trx: Kysely<DB>, methodId: string, id: string): Promise<{ file_name: string; size: number; sha256: string } | undefined> {
      return await trx
        .deleteFrom('method_attachments')
        .where('id', '=', id)
        .where('package_id', '=', methodId)
        .returning(['file_name', 'size', 'sha256'])
        .executeTakeFirst();
    },

    /** A new version of a method starts with its predecessor's documents. */
    async copy(trx: Kysely<DB>, fromMethodId: string, toMethodId: string): Promise<void> {
      await trx
        .insertInto('method_attachments')
        .columns(['package_id', 'file_name', 'content', 'size', 'sha256', 'uploaded_by', 'uploaded_at'])
        .expression((eb) =>
          eb
            .selectFrom('method_attachments')
            .select([sql<string>`${toMethodId}::uuid`.as('package_id'), 'file_name', 'content', 'size', 'sha256', 'uploaded_by', 'uploaded_at'])
            .where('package_id', '=', fromMethodId),
        )
        .execute();
    },
  };
}
export type MethodAttachmentsRepository = ReturnType<typeof methodAttachmentsRepository>;
