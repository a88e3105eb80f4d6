import type { Kysely } from 'kysely';
import type { Page } from '../../../shared/contracts/common.ts';
import type { HouseholdView, ListDetail, ListSummary, PersonSearchResult, ProtocolAcceptance, ProtocolView } from '../../../shared/contracts/lists.ts';
import type { z } from 'zod';
import type { EncodedListUploadQuery } from '../../../shared/contracts/lists.ts';
import type { columnMappingsInput, householdQuery, listQuery, listStatusInput, personSearchInput, protocolAcceptInput } from '../../../shared/contracts/lists.ts';
import { readNina, readPhones } from '../../../shared/linkage/values.ts';
import { currentProtocol, type LegalBasis, type ListPurpose, type SensitivityClass } from '../../../shared/list-protocol.ts';
import { can, scopeOf } from '../../../shared/permissions.ts';
import { addMonths, todayIso } from '../../../shared/phases.ts';
import type { Sector } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, notFound, versionConflict } from '../../errors.ts';
import { recordAudit } from '../../lib/audit.ts';
import type { ServiceContext } from '../../lib/context.ts';
import { decryptValue, type ListKeyring } from '../../lib/list-keys.ts';
import { listColumns } from '../../../shared/list-columns.ts';
import { headerKey } from './lists.columns.ts';
import { nameSearchKey, type SealedHousehold } from './lists.records.ts';
import type { HouseholdCipher, ListRecord, ListsRepository, NewList } from './lists.repository.ts';

/** A new list's registry entry from its upload's fields (a list's or an encoded list's), under the current protocol. */
export function newListOf(
  query: EncodedListUploadQuery,
  file: { organisationId: string; fileName: string; fileDigest: string; wrappedKey: Buffer; keyId: string; uploadedBy: string },
): NewList {
  return {
    ...file,
    title: query.title,
    purpose: query.purpose,
    legalBasis: query.legalBasis,
    legalBasisNote: query.legalBasisNote ?? null,
    sensitivity: query.sensitivity,
    protocolVersion: currentProtocol.version,
    sectors: [query.sector],
    assistanceFrom: null,
    assistanceTo: null,
    alertId: query.alertId ?? null,
    retentionUntil: query.retentionUntil ?? addMonths(query.assistanceDate, currentProtocol.defaultRetentionMonths),
  };
}

export function toListSummary(list: ListRecord): ListSummary {
  return {
    id: list.id,
    code: list.code,
    title: list.title,
    organisation: list.organisation,
    status: list.status,
    purpose: list.purpose as ListPurpose,
    legalBasis: list.legalBasis as LegalBasis,
    legalBasisNote: list.legalBasisNote,
    sensitivity: list.sensitivity as SensitivityClass,
    protocolVersion: list.protocolVersion,
    sectors: list.sectors as Sector[],
    assistanceFrom: list.assistanceFrom,
    assistanceTo: list.assistanceTo,
    alertId: list.alertId,
    retentionUntil: list.retentionUntil,
    rowCount: list.rowCount,
    householdCount: list.householdCount,
    localities: list.localities,
    createdAt: list.createdAt.toISOString(),
    purgedAt: list.purgedAt?.toISOString() ?? null,
    version: list.version,
    encoded: list.encoding !== null,
  };
}

/** Decrypts household rows of lists whose wrapped keys it is given; a data key is unwrapped once per list. */
export function householdReader(keyring: ListKeyring) {
  const keys = new Map<string, Buffer>();
  return (cipher: HouseholdCipher, wrappedKey: Buffer): HouseholdView => {
    let key = keys.get(cipher.listId);
    if (!key) {
      key = keyring.unwrap(wrappedKey);
      keys.set(cipher.listId, key);
    }
    const sealed: SealedHousehold | null = cipher.payload ? (JSON.parse(decryptValue(key, cipher.payload, cipher.id)) as SealedHousehold) : null;
    return {
      id: cipher.id,
      row: cipher.rowNumber,
      householdId: sealed?.householdId ?? null,
      headName: sealed?.headName ?? null,
      familyName: sealed?.familyName ?? null,
      givenNames: sealed?.givenNames ?? null,
      sex: sealed?.sex ?? null,
      birthYear: sealed?.birthYear ?? null,
      householdSize: cipher.householdSize,
      phones: sealed?.phones ?? [],
      nina: sealed?.nina ?? null,
      status: sealed?.status ?? null,
      origin: sealed?.origin ?? null,
      spouses: sealed?.spouses ?? [],
      locality: cipher.locality,
      sector: cipher.sector as Sector,
      assistance: sealed?.assistance ?? null,
      assistanceDate: cipher.assistanceDate,
    };
  };
}

/**
 * The list registry and the personal data behind it. Everyone allowed sees a list's existence
 * and counts; its households only the custodian (every list) and its owner, each time for a
 * stated purpose that the audit keeps (never the data itself).
 */
export function listsService(deps: { db: Kysely<DB>; lists: ListsRepository; keyring: ListKeyring }) {
  const { db, lists, keyring } = deps;

  async function readable(ctx: ServiceContext, id: string): Promise<ListRecord> {
    const list = await lists.get(db, id);
    if (!list || !can(ctx.user, 'list:read', { organisationId: list.organisation.id })) throw notFound();
    return list;
  }

  function acceptanceOf(row: { id: string; acronym: string; name: string; version: string; signatory_name: string; accepted_at: Date; accepted_by: string }): ProtocolAcceptance {
    return {
      organisation: { id: row.id, acronym: row.acronym, name: row.name },
      version: row.version,
      signatoryName: row.signatory_name,
      acceptedBy: row.accepted_by,
      acceptedAt: row.accepted_at.toISOString(),
    };
  }

  return {
    async protocol(ctx: ServiceContext): Promise<ProtocolView> {
      const own = ctx.user.organisationId ? await lists.acceptance(ctx.user.organisationId, currentProtocol.version) : undefined;
      const everyOrganisation = scopeOf(ctx.user, 'list:read') === 'any';
      const acceptances = everyOrganisation ? await lists.acceptances(currentProtocol.version) : own ? [own] : [];
      return {
        ...currentProtocol,
        fields: [...currentProtocol.fields],
        purposes: [...currentProtocol.purposes],
        access: [...currentProtocol.access],
        commitments: [...currentProtocol.commitments],
        encodedMode: [...currentProtocol.encodedMode],
        ownAcceptance: own ? acceptanceOf(own) : null,
        acceptances: acceptances.map(acceptanceOf),
      };
    },

    async acceptProtocol(ctx: ServiceContext, input: z.infer<typeof protocolAcceptInput>): Promise<ProtocolAcceptance> {
      const organisationId = ctx.user.organisationId;
      if (!organisationId) throw new AppError('forbidden', 403);
      if (input.version !== currentProtocol.version) throw new AppError('protocol_version_unknown', 409);
      await db.transaction().execute(async (trx) => {
        await lists.insertAcceptance(trx, { organisationId, version: input.version, signatoryName: input.signatoryName, userId: ctx.user.id });
        await recordAudit(trx, ctx, { action: 'create', entity: 'protocol_acceptance', entityId: organisationId, after: { version: input.version, signatoryName: input.signatoryName } });
      });
      return acceptanceOf((await lists.acceptance(organisationId, input.version))!);
    },

    async list(ctx: ServiceContext, query: z.infer<typeof listQuery>): Promise<Page<ListSummary>> {
      const own = scopeOf(ctx.user, 'list:read') === 'organisation';
      if (own && !ctx.user.organisationId) return { items: [], total: 0, page: query.page, pageSize: query.pageSize };
      const page = await lists.page({ ...query, organisationId: own ? ctx.user.organisationId! : query.organisationId });
      return { ...page, items: page.items.map(toListSummary) };
    },

    async get(ctx: ServiceContext, id: string): Promise<ListDetail> {
      const list = await readable(ctx, id);
      const coverage = await lists.coverage(id);
      return {
        ...toListSummary(list),
        coverage: coverage.map((c) => ({ locality: { id: c.id, name: c.name, pcode: c.pcode }, sector: c.sector as Sector, month: c.month.slice(0, 7), households: c.households })),
      };
    },

    async households(ctx: ServiceContext, id: string, query: z.infer<typeof householdQuery>): Promise<Page<HouseholdView>> {
      const list = await lists.get(db, id);
      if (!list) throw notFound();
      if (!can(ctx.user, 'beneficiary:read_personal', { organisationId: list.organisation.id })) throw new AppError('forbidden', 403);
      if (!list.wrappedKey) throw new AppError('list_purged', 410);
      if (list.encoding !== null) throw new AppError('list_encoded', 409);
      const page = await lists.householdPage(id, query);
      const read = householdReader(keyring);
      const items = page.items.map((h) => read(h, list.wrappedKey!));
      await recordAudit(db, ctx, {
        action: 'read_personal',
        entity: 'beneficiary_list',
        entityId: id,
        after: { purpose: query.purpose, page: query.page, households: items.length },
      });
      return { ...page, items };
    },

    async setStatus(ctx: ServiceContext, id: string, input: z.infer<typeof listStatusInput>): Promise<ListSummary> {
      const list = await lists.get(db, id);
      if (!list) throw notFound();
      if (list.status === 'purged') throw new AppError('list_purged', 410);
      return db.transaction().execute(async (trx) => {
        if (!(await lists.setStatus(trx, id, input.version, input.status))) throw versionConflict(toListSummary(list));
        await recordAudit(trx, ctx, { action: 'update', entity: 'beneficiary_list', entityId: id, before: { status: list.status }, after: { status: input.status } });
        return toListSummary((await lists.get(trx, id))!);
      });
    },

    /** Crypto-shredding: the list's data key is destroyed with its rows; its registry entry and counts stay. */
    async purge(ctx: ServiceContext | null, id: string, reason: string): Promise<ListSummary> {
      const list = await lists.get(db, id);
      if (!list) throw notFound();
      if (list.status === 'purged') return toListSummary(list);
      return db.transaction().execute(async (trx) => {
        await lists.purge(trx, id, ctx?.user.id ?? null);
        // The retention job has no user: its audit row names it by its request id.
        await recordAudit(trx, ctx ?? { user: null, requestId: `retention-${todayIso()}` }, {
          action: 'purge',
          entity: 'beneficiary_list',
          entityId: id,
          before: { status: list.status, rowCount: list.rowCount, householdCount: list.householdCount },
          after: { status: 'purged', reason, retentionUntil: list.retentionUntil },
        });
        return toListSummary((await lists.get(trx, id))!);
      });
    },

    async eraseHousehold(ctx: ServiceContext, listId: string, householdId: string, reason: string): Promise<void> {
      const household = await lists.household(householdId, listId);
      if (!household) throw notFound();
      if (household.erased_at) return;
      await db.transaction().execute(async (trx) => {
        await lists.eraseHousehold(trx, householdId);
        await recordAudit(trx, ctx, { action: 'purge', entity: 'list_household', entityId: householdId, after: { listId, reason } });
      });
    },

    /**
     * Every record of one person across lists, for a request for access, correction or erasure:
     * by NINA, or by name and phone, through the keyed hashes (the terms are never stored).
     */
    async searchPersons(ctx: ServiceContext, input: z.infer<typeof personSearchInput>): Promise<PersonSearchResult> {
      if (scopeOf(ctx.user, 'beneficiary:read_personal') !== 'any') throw new AppError('forbidden', 403);
      const nina = input.nina ? readNina(input.nina) : null;
      const phones = input.phone ? readPhones(input.phone) : null;
      const name = nameSearchKey(input.name);
      const ninaIndex = nina?.ok && nina.value ? keyring.blindIndex('nina', nina.value) : null;
      const namePhone = name && phones?.ok && phones.value ? phones.value.map((p) => keyring.blindIndex('name-phone', `${name}|${p}`)) : [];
      const found = ninaIndex || namePhone.length > 0 ? await lists.findPersons(ninaIndex, namePhone) : [];
      const read = householdReader(keyring);
      const matches = found.map((f) => ({ ...read(f, f.wrappedKey), list: f.list }));
      await recordAudit(db, ctx, { action: 'read_personal', entity: 'person_search', entityId: null, after: { purpose: input.purpose, by: input.nina ? 'nina' : 'name_phone', matches: matches.length } });
      return { matches };
    },

    async mappings(ctx: ServiceContext) {
      const organisationId = ctx.user.organisationId;
      const mappings = organisationId ? await lists.mappings(organisationId) : [];
      const language = ctx.user.language;
      return { mappings, columns: listColumns.map((c) => ({ key: c.key, label: c.header[language] })) };
    },

    async saveMappings(ctx: ServiceContext, input: z.infer<typeof columnMappingsInput>) {
      const organisationId = ctx.user.organisationId;
      if (!organisationId) throw new AppError('forbidden', 403);
      const known = new Set<string>(listColumns.map((c) => c.key));
      const unknown = input.mappings.find((m) => !known.has(m.column));
      if (unknown) throw new AppError('validation_failed', 400, { errors: [{ path: 'body.mappings', message: unknown.column }] });
      const byKey = new Map(input.mappings.map((m) => [headerKey(m.header), { ...m, headerKey: headerKey(m.header) }]));
      await db.transaction().execute(async (trx) => {
        await lists.replaceMappings(trx, organisationId, [...byKey.values()].filter((m) => m.headerKey !== ''), ctx.user.id);
        await recordAudit(trx, ctx, { action: 'update', entity: 'list_column_mappings', entityId: organisationId, after: { mappings: input.mappings } });
      });
      return this.mappings(ctx);
    },

    /** Lists past their retention date lose their personal data; run daily by the scheduler. */
    async purgeExpired(today = todayIso()): Promise<number> {
      const due = await lists.dueForPurge(today);
      for (const id of due) await this.purge(null, id, 'retention');
      return due.length;
    },

    coverageByMonth: (localityId: string, sector: string) => lists.coverageByMonth(localityId, sector),
  };
}
export type ListsService = ReturnType<typeof listsService>;
