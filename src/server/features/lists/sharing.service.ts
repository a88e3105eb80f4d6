import { PassThrough } from 'node:stream';
import type { Kysely } from 'kysely';
import type { Language, Page } from '../../../shared/contracts/common.ts';
import type { SharingRequest, SharingRequestInput, sharingDecisionInput, sharingQuery } from '../../../shared/contracts/lists.ts';
import { listPurposeLabels, type ListPurpose, type ShareableField } from '../../../shared/list-protocol.ts';
import { scopeOf } from '../../../shared/permissions.ts';
import { todayIso } from '../../../shared/phases.ts';
import { sectorLabels, type Sector } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import type { Download } from '../../lib/http.ts';
import type { ListKeyring } from '../../lib/list-keys.ts';
import { type ColumnSpec, defineColumns, tableContentTypes, tableExtensions, writeTable } from '../../lib/tabular/index.ts';
import type { z } from 'zod';
import type { ListsRepository } from './lists.repository.ts';
import { householdReader } from './lists.service.ts';
import type { SharingRecord, SharingRepository } from './sharing.repository.ts';

/** An extract's columns: the agreement and its recipient on every row, the place, then only the agreed fields. */
const extractColumns = defineColumns([
  { key: 'agreement', type: 'text', hxl: '#meta+agreement', header: { fr: 'Accord de partage', en: 'Sharing agreement' } },
  { key: 'recipient', type: 'text', hxl: '#org+recipient', header: { fr: 'Destinataire', en: 'Recipient' } },
  { key: 'validUntil', type: 'date', hxl: '#date+end', header: { fr: "Utilisable jusqu'au", en: 'Usable until' } },
  { key: 'locality', type: 'text', hxl: '#loc+name', header: { fr: 'Localité', en: 'Locality' } },
  { key: 'localityCode', type: 'text', hxl: '#loc+code', header: { fr: 'Code P localité', en: 'Locality P-code' } },
  { key: 'sector', type: 'text', hxl: '#sector', header: { fr: 'Secteur', en: 'Sector' } },
  { key: 'householdId', type: 'text', hxl: '#meta+id', header: { fr: 'Identifiant ménage', en: 'Household id' } },
  { key: 'headName', type: 'text', hxl: '#beneficiary+name', header: { fr: 'Nom complet du chef de ménage', en: "Head of household's full name" }, width: 30 },
  { key: 'sex', type: 'text', hxl: '#beneficiary+sex', header: { fr: 'Sexe', en: 'Sex' } },
  { key: 'birthYear', type: 'integer', hxl: '#beneficiary+birth', header: { fr: 'Année de naissance', en: 'Year of birth' } },
  { key: 'householdSize', type: 'integer', hxl: '#beneficiary+hh+size', header: { fr: 'Taille du ménage', en: 'Household size' } },
  { key: 'phones', type: 'text', hxl: '#contact+phone', header: { fr: 'Téléphone', en: 'Phone' } },
  { key: 'nina', type: 'text', hxl: '#beneficiary+nina', header: { fr: 'NINA', en: 'NINA' } },
  { key: 'status', type: 'text', hxl: '#population+group', header: { fr: 'Statut', en: 'Status' } },
  { key: 'origin', type: 'text', hxl: '#loc+origin+name', header: { fr: "Zone d'origine", en: 'Area of origin' } },
  { key: 'spouses', type: 'text', hxl: '#beneficiary+spouse+name', header: { fr: 'Conjoint(s)', en: 'Spouse(s)' } },
  { key: 'assistance', type: 'text', hxl: '#activity+type', header: { fr: 'Assistance reçue', en: 'Assistance received' } },
  { key: 'assistanceDate', type: 'date', hxl: '#date+distribution', header: { fr: "Date de l'assistance", en: 'Date of the assistance' } },
]);
const alwaysInExtract = new Set(['agreement', 'recipient', 'validUntil', 'locality', 'localityCode', 'sector']);

export function toSharingRequest(r: SharingRecord, today = todayIso()): SharingRequest {
  return {
    ...r,
    sector: r.sector as Sector | null,
    purpose: r.purpose as ListPurpose,
    fields: r.fields as ShareableField[],
    active: r.status === 'approved' && r.from <= today && today <= r.to,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}

/**
 * Sharing under agreements: an organisation asks for another's households (one list, or a
 * locality and sector) for a purpose, a period and chosen fields; the custodian decides with a
 * reason; both organisations are told. An approved request yields extracts with the agreed
 * fields only, marked with the agreement and its recipient, until the period ends.
 */
export function sharingService(deps: { db: Kysely<DB>; sharing: SharingRepository; lists: ListsRepository; keyring: ListKeyring }) {
  const { db, sharing, lists, keyring } = deps;

  function targetText(r: SharingRecord, language: Language): string {
    if (r.list) return `${r.list.code} (${r.list.organisation.acronym})`;
    return `${r.locality?.name ?? '—'} — ${r.sector ? sectorLabels[r.sector as Sector][language] : ''}`;
  }

  return {
    async list(ctx: ServiceContext, query: z.infer<typeof sharingQuery>): Promise<Page<SharingRequest>> {
      const everyRequest = scopeOf(ctx.user, 'sharing:read') === 'any';
      if (!everyRequest && !ctx.user.organisationId) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      const page = await sharing.page({ ...query, organisationId: everyRequest ? undefined : ctx.user.organisationId! });
      return { ...page, items: page.items.map((r) => toSharingRequest(r)) };
    },

    async create(ctx: ServiceContext, input: SharingRequestInput): Promise<SharingRequest> {
      const organisationId = ctx.user.organisationId;
      if (!organisationId) throw new AppError('forbidden', 403);
      if (input.listId) {
        const list = await lists.get(db, input.listId);
        if (!list) throw notFound();
        if (list.organisation.id === organisationId) throw new AppError('sharing_own_list', 409);
        if (list.status === 'purged') throw new AppError('list_purged', 410);
      }
      const custodians = await sharing.recipients({ role: 'list_custodian' });
      return db.transaction().execute(async (trx) => {
        const id = await sharing.insert(
          trx,
          {
            requesterOrganisationId: organisationId,
            requestedBy: ctx.user.id,
            listId: input.listId ?? null,
            localityId: input.listId ? null : (input.localityId ?? null),
            sector: input.listId ? null : (input.sector ?? null),
            purpose: input.purpose,
            justification: input.justification,
            fields: input.fields,
            from: input.from,
            to: input.to,
          },
          Number(todayIso().slice(0, 4)),
        );
        const created = (await sharing.get(trx, id))!;
        await recordAudit(trx, ctx, { action: 'create', entity: 'sharing_request', entityId: id, after: { ...input, code: created.code } });
        await sharing.notify(
          trx,
          custodians.map((u) => {
            const fr = u.language !== 'en';
            return {
              userId: u.id,
              kind: 'sharing_request' as const,
              key: id,
              title: fr ? `Demande de partage ${created.code} de ${created.requester.acronym}` : `Sharing request ${created.code} from ${created.requester.acronym}`,
              body: fr
                ? `${created.requester.acronym} demande ${targetText(created, 'fr')} pour : ${listPurposeLabels[input.purpose].fr.toLowerCase()}, du ${input.from} au ${input.to}.`
                : `${created.requester.acronym} asks for ${targetText(created, 'en')} for ${listPurposeLabels[input.purpose].en.toLowerCase()}, ${input.from} to ${input.to}.`,
              link: '/lists/sharing',
            };
          }),
        );
        return toSharingRequest(created);
      });
    },

    async decide(ctx: ServiceContext, id: string, input: z.infer<typeof sharingDecisionInput>): Promise<SharingRequest> {
      const request = await sharing.get(db, id);
      if (!request) throw notFound();
      if (request.status !== 'pending') throw new AppError('sharing_already_decided', 409);
      const organisations = [request.requester.id, ...(request.list ? [request.list.organisation.id] : [])];
      const informed = await sharing.recipients({ organisationIds: organisations });
      return db.transaction().execute(async (trx) => {
        if (!(await sharing.decide(trx, id, input.version, { status: input.decision, reason: input.reason, userId: ctx.user.id }))) throw versionConflict(toSharingRequest(request));
        const decided = (await sharing.get(trx, id))!;
        await recordAudit(trx, ctx, { action: 'update', entity: 'sharing_request', entityId: id, before: { status: 'pending' }, after: { status: input.decision, reason: input.reason } });
        await sharing.notify(
          trx,
          informed.map((u) => {
            const fr = u.language !== 'en';
            const approved = input.decision === 'approved';
            return {
              userId: u.id,
              kind: 'sharing_decision' as const,
              key: `${id}|${input.decision}`,
              title: fr ? `Demande ${decided.code} ${approved ? 'approuvée' : 'refusée'}` : `Request ${decided.code} ${approved ? 'approved' : 'refused'}`,
              body: fr
                ? `La demande de ${decided.requester.acronym} portant sur ${targetText(decided, 'fr')} est ${approved ? 'approuvée' : 'refusée'} : ${input.reason}`
                : `The request by ${decided.requester.acronym} for ${targetText(decided, 'en')} is ${approved ? 'approved' : 'refused'}: ${input.reason}`,
              link: '/lists/sharing',
            };
          }),
        );
        return toSharingRequest(decided);
      });
    },

    async extract(ctx: ServiceContext, id: string, format: 'xlsx' | 'csv', language: Language): Promise<Download> {
      const request = await sharing.get(db, id);
      if (!request || request.requester.id !== ctx.user.organisationId) throw notFound();
      if (!toSharingRequest(request).active) throw new AppError('sharing_not_active', 403);
      const agreed = new Set<string>(request.fields);
      const columns = extractColumns.filter((c) => alwaysInExtract.has(c.key) || agreed.has(c.key)) as readonly ColumnSpec[];
      await recordAudit(db, ctx, {
        action: 'export_personal',
        entity: 'sharing_request',
        entityId: id,
        after: { code: request.code, purpose: request.purpose, fields: request.fields, format },
      });
      const read = householdReader(keyring);
      const filter = request.list ? { listId: request.list.id } : { localityId: request.locality!.id, sector: request.sector! };
      async function* rows() {
        for await (const cipher of lists.householdsOf(filter)) {
          const h = read(cipher, cipher.wrappedKey);
          const full: Record<string, string | number | null> = {
            agreement: request!.code,
            recipient: request!.requester.acronym,
            validUntil: request!.to,
            locality: h.locality?.name ?? null,
            localityCode: h.locality?.pcode ?? null,
            sector: sectorLabels[h.sector][language],
            householdId: h.householdId,
            headName: h.headName,
            sex: h.sex ? h.sex.toUpperCase() : null,
            birthYear: h.birthYear,
            householdSize: h.householdSize,
            phones: h.phones.join(' ; ') || null,
            nina: h.nina,
            status: h.status,
            origin: h.origin,
            spouses: h.spouses.join(' ; ') || null,
            assistance: h.assistance,
            assistanceDate: h.assistanceDate,
          };
          yield Object.fromEntries(columns.map((c) => [c.key, full[c.key] ?? null]));
        }
      }
      const stream = new PassThrough();
      void writeTable(stream, { format, columns, rows: rows(), language, sheetName: request.code }).catch((error: Error) => stream.destroy(error));
      const name = language === 'fr' ? 'extrait' : 'extract';
      return { body: stream, fileName: `${name}-${request.code}-${request.requester.acronym}${tableExtensions[format]}`, contentType: tableContentTypes[format] };
    },
  };
}
export type SharingService = ReturnType<typeof sharingService>;
