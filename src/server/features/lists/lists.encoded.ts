import { createHash } from 'node:crypto';
import fs from 'node:fs';
import type { Kysely } from 'kysely';
import type { Language } from '../../../shared/contracts/common.ts';
import type { EncodedListUploadQuery, EncodedListUploadResult, PlaceResolution, placeResolutionInput } from '../../../shared/contracts/lists.ts';
import type { ErrorCode } from '../../../shared/errors.ts';
import { importMessage } from '../../../shared/import-messages.ts';
import { currentProtocol } from '../../../shared/list-protocol.ts';
import { fromBase64, toBase64 } from '../../../shared/linkage/pprl/bits.ts';
import { clkBytes, clkScheme } from '../../../shared/linkage/pprl/encoder.ts';
import { type EncodedFileProblem, readEncodedFile } from '../../../shared/linkage/pprl/records.ts';
import { todayIso } from '../../../shared/phases.ts';
import type { z } from 'zod';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { decryptValue, encryptValue, type ListKeyring } from '../../lib/list-keys.ts';
import { placeIndex } from '../../lib/tabular/places.ts';
import { placeCandidates } from '../../lib/tabular/references.repository.ts';
import type { ListsRepository, NewEncodedHousehold } from './lists.repository.ts';
import { newListOf, toListSummary } from './lists.service.ts';

/** What an encoded upload is refused for, by what the shared check found. */
const refusalOf: Record<EncodedFileProblem, { code: ErrorCode; status: number }> = {
  file_invalid: { code: 'encoded_file_invalid', status: 400 },
  scheme_unknown: { code: 'encoded_scheme_unknown', status: 400 },
  records_missing: { code: 'encoded_list_empty', status: 400 },
  clk_invalid: { code: 'encoded_looks_personal', status: 422 },
  clk_looks_like_text: { code: 'encoded_looks_personal', status: 422 },
  clk_empty: { code: 'encoded_looks_personal', status: 422 },
  field_unexpected: { code: 'encoded_looks_personal', status: 422 },
  field_invalid: { code: 'encoded_looks_personal', status: 422 },
};

/** An encoded household decrypted for a deduplication run: its filter and its plain fields, nothing else exists. */
export interface EncodedHousehold {
  id: string;
  listId: string;
  keyFingerprint: string;
  filter: Uint8Array;
  householdSize: number | null;
  pcode: string | null;
  clusterId: string | null;
}

/**
 * Encoded lists (privacy-preserving deduplication): an organisation that cannot hand over names
 * encodes its list on its own device (the lists area's encoded page, or `relais encode`) with a
 * key shared among the organisations and the custodian, and uploads only the encodings and the
 * fields that identify nobody (locality P-code, sector, household size, assistance date).
 *
 * The upload is registered like a list (purpose, legal basis, retention, protocol version) and
 * purged the same way. The server never sees the key; it refuses any file that looks like plain
 * personal data rather than encodings (src/shared/linkage/pprl/records.ts), and keeps each
 * encoding encrypted under the list's data key like any personal value (a leaked database gives
 * no filters to attack; the purge destroys them with the key).
 */
export function encodedListsService(deps: { db: Kysely<DB>; lists: ListsRepository; keyring: ListKeyring }) {
  const { db, lists, keyring } = deps;

  return {
    async upload(ctx: ServiceContext, filePath: string, fileName: string, query: EncodedListUploadQuery): Promise<EncodedListUploadResult> {
      const organisationId = ctx.user.organisationId;
      if (!organisationId) throw new AppError('forbidden', 403);
      if (!(await lists.acceptance(organisationId, currentProtocol.version))) throw new AppError('protocol_not_accepted', 403);

      const bytes = await fs.promises.readFile(filePath);
      let content: unknown;
      try {
        content = JSON.parse(bytes.toString('utf8'));
      } catch {
        throw new AppError('encoded_file_invalid', 400);
      }
      const read = readEncodedFile(content, { ids: 'rows' });
      if (!read.ok) {
        const refusal = refusalOf[read.code];
        // Which record and field, never the value: it may be the very personal data refused.
        const path = read.record === undefined ? (read.field ?? 'file') : `records.${read.record}.${read.field ?? ''}`;
        throw new AppError(refusal.code, refusal.status, { errors: [{ path, message: read.code }] });
      }

      const digest = keyring.blindIndex('file', createHash('sha256').update(bytes).digest('hex'));
      const already = await lists.findByDigest(organisationId, digest);
      if (already) return { list: toListSummary(already), alreadyUploaded: true, households: already.rowCount };

      const pcodes = [...new Set(read.records.map((r) => r.pcode?.toUpperCase()).filter((p): p is string => !!p))];
      const localities = await lists.localitiesByPcode(pcodes);
      const today = todayIso();
      const rows: Omit<NewEncodedHousehold, 'clk'>[] = [];
      const filters: Uint8Array[] = [];
      for (let k = 0; k < read.records.length; k++) {
        const record = read.records[k]!;
        const localityId = record.pcode ? localities.get(record.pcode.toUpperCase()) : undefined;
        if (!localityId)
          throw new AppError('encoded_locality_unknown', 422, { errors: [{ path: `records.${k + 1}.pcode`, message: record.pcode ?? 'missing' }] });
        const assistanceDate = record.assistanceDate ?? query.assistanceDate;
        if (assistanceDate > today)
          throw new AppError('encoded_date_in_future', 422, { errors: [{ path: `records.${k + 1}.assistanceDate`, message: assistanceDate }] });
        rows.push({
          id: crypto.randomUUID(),
          rowNumber: /^\d+$/.test(record.id) ? Number(record.id) : k + 1,
          localityId,
          sector: record.sector ?? query.sector,
          assistanceDate,
          householdSize: record.householdSize,
        });
        filters.push(record.filter);
      }

      const { key: dataKey, wrapped } = keyring.newDataKey();
      const listId = await db.transaction().execute(async (trx) => {
        const list = await lists.insertList(
          trx,
          {
            ...newListOf(query, { organisationId, fileName, fileDigest: digest, wrappedKey: wrapped, keyId: keyring.keyId, uploadedBy: ctx.user.id }),
            encoding: clkScheme,
            keyFingerprint: read.keyFingerprint,
          },
          Number(today.slice(0, 4)),
        );
        await lists.insertEncodedHouseholds(
          trx,
          list.id,
          rows.map((row, k) => ({ ...row, clk: encryptValue(dataKey, toBase64(filters[k]!), row.id) })),
        );
        await lists.finishList(trx, list.id);
        await recordAudit(trx, ctx, {
          action: 'import',
          entity: 'beneficiary_list',
          entityId: list.id,
          after: {
            code: list.code,
            title: query.title,
            organisationId,
            rows: rows.length,
            encoded: clkScheme,
            keyFingerprint: read.keyFingerprint,
            purpose: query.purpose,
            legalBasis: query.legalBasis,
            protocolVersion: currentProtocol.version,
          },
        });
        return list.id;
      });
      return { list: toListSummary((await lists.get(db, listId))!), alreadyUploaded: false, households: rows.length };
    },

    /** Places named in a list, resolved as the list upload resolves them: the browser asks before encoding. */
    async resolvePlaces(_ctx: ServiceContext, input: z.infer<typeof placeResolutionInput>, language: Language): Promise<PlaceResolution> {
      const places = placeIndex(await placeCandidates(db));
      return {
        places: input.places.map((cells) => {
          const match = places.resolve({
            localityCode: cells.localityCode ?? null,
            localityName: cells.localityName ?? null,
            adm1Code: cells.adm1Code ?? null,
            adm1Name: cells.adm1Name ?? null,
            adm2Code: cells.adm2Code ?? null,
            adm2Name: cells.adm2Name ?? null,
            adm3Code: cells.adm3Code ?? null,
            adm3Name: cells.adm3Name ?? null,
          });
          if (match.ok) return { pcode: match.place.pcode, name: match.place.name, problem: null };
          const p = match.problem;
          return { pcode: null, name: null, problem: { code: p.code, message: importMessage(p.code, p.params, language), suggestions: p.suggestions ?? [] } };
        }),
      };
    },

    /** Every live encoded household, decrypted (a deduplication run links them), page by page. */
    async *liveEncoded(pageSize = 1000): AsyncGenerator<EncodedHousehold[]> {
      const keys = new Map<string, Buffer>();
      let after: string | null = null;
      for (;;) {
        const rows = await lists.liveEncodedAfter(after, pageSize);
        const page: EncodedHousehold[] = [];
        for (const row of rows) {
          let key = keys.get(row.listId);
          if (!key) keys.set(row.listId, (key = keyring.unwrap(row.wrappedKey)));
          const filter = fromBase64(decryptValue(key, row.clk, row.id), clkBytes);
          if (!filter) continue;
          page.push({
            id: row.id,
            listId: row.listId,
            keyFingerprint: row.keyFingerprint,
            filter,
            householdSize: row.householdSize,
            pcode: row.localityPcode,
            clusterId: row.clusterId,
          });
        }
        if (page.length > 0) yield page;
        if (rows.length < pageSize) return;
        after = rows.at(-1)!.id;
      }
    },
  };
}
export type EncodedListsService = ReturnType<typeof encodedListsService>;
