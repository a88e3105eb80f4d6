import type { Kysely } from 'kysely';
import { currentProtocol } from '../../../shared/list-protocol.ts';
import { addDays, addMonths, todayIso } from '../../../shared/phases.ts';
import type { Sector } from '../../../shared/sectors.ts';
import type { DB } from '../../db/schema.ts';
import type { DemoStep } from '../../demo/demo.ts';
import { seededRandom } from '../../demo/random.ts';
import { encryptValue, type ListKeyring } from '../../lib/list-keys.ts';
import type { ListRow } from '../../../shared/list-columns.ts';
import { type GeneratedHousehold, generateHousehold, sameHouseholdElsewhere } from './demo-households.ts';
import { householdIndexes, sealedHouseholdOf } from './lists.records.ts';
import { listsRepository } from './lists.repository.ts';

interface DemoList {
  organisation: string;
  title: string;
  sector: Sector;
  places: string[];
  households: number;
  daysAgo: number;
}

/**
 * Four organisations' lists: NRC's and IRC's overlap at Sévaré and Bandiagara (some households
 * assisted by both, a few uncertain), and SI gave some of NRC's Sévaré households the same AME kit.
 */
export const demoLists: readonly DemoList[] = [
  { organisation: 'NRC', title: 'Distribution AME — Mopti et Sévaré', sector: 'abris_ame', places: ['Sévaré', 'Mopti', 'Bandiagara'], households: 60, daysAgo: 40 },
  { organisation: 'IRC', title: 'Transferts monétaires — Sévaré, Bandiagara', sector: 'cash', places: ['Sévaré', 'Bandiagara', 'Bankass'], households: 45, daysAgo: 25 },
  { organisation: 'ACTED', title: 'Vivres — Gao et Ansongo', sector: 'secal', places: ['Gao', 'Ansongo'], households: 40, daysAgo: 55 },
  { organisation: 'SI', title: 'Kits AME — Sévaré', sector: 'abris_ame', places: ['Sévaré'], households: 20, daysAgo: 32 },
];

/**
 * Cases the deduplication demo shows, as lists write them: NRC's and IRC's rows (in that order)
 * that a custodian has to look at — spellings of one name with ages a year apart, other phones and
 * no sex recorded on one side (review), a father and son of one name sharing a phone (review: two generations, never merged),
 * a registration entered twice in NRC's own list, one woman's names written two ways with her
 * phone (match), and namesakes that are not the same household.
 */
function demoHardCases(nrcDate: string, ircDate: string): { nrc: Partial<ListRow>[]; irc: Partial<ListRow>[] } {
  const base = { householdSize: 6, status: 'idp', origin: 'Boni', assistance: 'Kit AME' } as const;
  return {
    nrc: [
      { ...base, fullName: 'MAÏGA Mahamadou', sex: 'm', age: '46 ANS', phone: '76 45 12 90', localityName: 'Sévaré', assistanceDate: nrcDate },
      { ...base, fullName: 'Fatoumata CISSÉ', sex: 'f', age: '35 ANS', phone: '82 10 20 30', localityName: 'Bandiagara', assistanceDate: nrcDate },
      { ...base, fullName: 'GUINDO Ousmane', sex: 'm', age: '68 ANS', phone: '77 88 99 00', localityName: 'Bandiagara', assistanceDate: nrcDate },
      { ...base, fullName: 'KONÉ Seydou', sex: 'm', age: '52 ANS', phone: '+223 70 11 22 33', nina: '145612378901K', localityName: 'Mopti', spouseName: 'Awa Koné', assistanceDate: nrcDate },
      { ...base, fullName: 'Seydou Koné', sex: 'm', age: '52', phone: '70112233', nina: '145612378901K', localityName: 'Mopti', spouseName: 'Awa Koné', assistanceDate: nrcDate },
      { ...base, fullName: 'Aïssata TOURÉ', sex: 'f', age: null, phone: '78 55 44 33', localityName: 'Sévaré', assistanceDate: nrcDate },
      { ...base, fullName: 'TRAORÉ Moussa', sex: 'm', age: '40 ANS', phone: '75 00 11 22', localityName: 'Sévaré', spouseName: 'Mariam Diarra', assistanceDate: nrcDate },
      { ...base, householdSize: 9, fullName: 'Ibrahim Ag Mohamed', sex: 'm', age: '44 ANS', phone: '95 12 12 12', localityName: 'Bandiagara', assistanceDate: nrcDate },
    ],
    irc: [
      { ...base, fullName: 'Mamadou Mahiga', sex: null, age: '45 ANS', phone: '92 18 77 03', localityName: 'Sévaré', assistanceDate: ircDate },
      { ...base, fullName: 'Fanta SISSÉ', sex: 'f', age: '35 ANS', phone: '83 44 55 66', localityName: 'Bandiagara', assistanceDate: ircDate },
      { ...base, fullName: 'Ousmane Guindo', sex: 'm', age: '41 ANS', phone: '77 88 99 00', localityName: 'Bandiagara', assistanceDate: ircDate },
      { ...base, fullName: 'Assa Toure', sex: 'f', age: '29 ANS', phone: '78 55 44 33', localityName: 'Sévaré', assistanceDate: ircDate },
      { ...base, fullName: 'Moussa Traoré', sex: 'm', age: '33 ANS', phone: '65 43 21 09', localityName: 'Sévaré', spouseName: 'Kadiatou Coulibaly', assistanceDate: ircDate },
      { ...base, householdSize: 7, fullName: 'AG MOHAMED Ibrahim', sex: 'm', age: '46 ANS', phone: '95 12 12 13', localityName: 'Bandiagara', assistanceDate: ircDate },
    ],
  };
}

/** Households the demo lists hold, by organisation, with the households NRC and IRC share: the leak tests look for their names and phones. */
export function demoListHouseholds(): Map<string, Partial<ListRow>[]> {
  const random = seededRandom(2026_12);
  const today = todayIso();
  const byOrganisation = new Map<string, Partial<ListRow>[]>();
  let nrc: GeneratedHousehold[] = [];
  for (const list of demoLists) {
    const date = addDays(today, -list.daysAgo);
    const generated = Array.from({ length: list.households }, () => generateHousehold(random, list.places, date));
    const rows = generated.map((g) => g.row);
    if (list.organisation === 'NRC') nrc = generated;
    if (list.organisation === 'IRC') {
      // A dozen NRC households at Sévaré or Bandiagara were assisted by IRC too.
      const shared = nrc.filter((g) => g.row.localityName === 'Sévaré' || g.row.localityName === 'Bandiagara').slice(0, 12);
      rows.splice(0, shared.length, ...shared.map((g) => sameHouseholdElsewhere(random, g, date)));
    }
    if (list.organisation === 'SI') {
      // Six NRC households at Sévaré got an AME kit from SI too, eight days later: possible double assistance.
      const twice = nrc.filter((g) => g.row.localityName === 'Sévaré').slice(4, 10);
      rows.splice(0, twice.length, ...twice.map((g) => sameHouseholdElsewhere(random, g, date)));
    }
    byOrganisation.set(list.organisation, rows);
  }
  const date = (organisation: string) => addDays(today, -demoLists.find((l) => l.organisation === organisation)!.daysAgo);
  const hard = demoHardCases(date('NRC'), date('IRC'));
  byOrganisation.get('NRC')!.push(...hard.nrc);
  byOrganisation.get('IRC')!.push(...hard.irc);
  return byOrganisation;
}

/** The demo step: protocol accepted by the four organisations, their lists encrypted like an upload would. */
export function demoListsStep(keyring: ListKeyring): DemoStep {
  return {
    name: 'beneficiary-lists',
    async run(trx: Kysely<DB>) {
      const organisations = new Map((await trx.selectFrom('organisations').select(['id', 'acronym']).execute()).map((o) => [o.acronym, o.id]));
      const localities = new Map((await trx.selectFrom('localities').select(['id', 'name']).execute()).map((l) => [l.name, l.id]));
      const user = await trx.selectFrom('users').select('id').where('email', '=', 'admin@demo.relais').executeTakeFirstOrThrow();
      const lists = listsRepository(trx);
      const households = demoListHouseholds();
      for (const acronym of ['NRC', 'IRC', 'ACTED', 'SI']) {
        await lists.insertAcceptance(trx, { organisationId: organisations.get(acronym)!, version: currentProtocol.version, signatoryName: `Chef de mission ${acronym}`, userId: user.id });
      }
      for (const demo of demoLists) {
        const organisationId = organisations.get(demo.organisation)!;
        const date = addDays(todayIso(), -demo.daysAgo);
        const { key, wrapped } = keyring.newDataKey();
        const list = await lists.insertList(
          trx,
          {
            title: demo.title,
            organisationId,
            purpose: 'coverage',
            legalBasis: 'consent',
            legalBasisNote: 'Consentement verbal recueilli à l’enregistrement',
            sensitivity: 'high',
            protocolVersion: currentProtocol.version,
            sectors: [demo.sector],
            assistanceFrom: null,
            assistanceTo: null,
            alertId: null,
            retentionUntil: addMonths(date, currentProtocol.defaultRetentionMonths),
            fileName: `${demo.organisation.toLowerCase()}-liste.xlsx`,
            fileDigest: keyring.blindIndex('file', `demo|${demo.organisation}`),
            wrappedKey: wrapped,
            keyId: keyring.keyId,
            uploadedBy: user.id,
          },
          Number(todayIso().slice(0, 4)),
        );
        const rows = households.get(demo.organisation)!.map((row, i) => {
          const id = crypto.randomUUID();
          const localityId = localities.get(row.localityName!)!;
          const sealed = sealedHouseholdOf({ ...row } as ListRow, date);
          return {
            id,
            rowNumber: i + 2,
            localityId,
            sector: demo.sector,
            assistanceDate: row.assistanceDate ?? date,
            householdSize: row.householdSize ?? null,
            payload: encryptValue(key, JSON.stringify(sealed), id),
            ...householdIndexes(sealed, localityId, keyring),
          };
        });
        await lists.insertHouseholds(trx, list.id, rows);
        await lists.finishList(trx, list.id);
      }
    },
  };
}
