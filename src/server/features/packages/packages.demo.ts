import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { DemoStep } from '../../demo/demo.ts';
import type { Sector } from '../../../shared/sectors.ts';
import type { PackageWritable } from './packages.repository.ts';

type DemoPackage = Omit<PackageWritable, 'methodType' | 'description' | 'documentUrl'> & {
  sector: Sector;
  endorsedBy: 'cluster' | 'iccg';
  endorsedDaysAgo: number;
};
const c = (item: string, quantity: number | null = null, unit: string | null = null) => ({ item, quantity, unit });

/**
 * Endorsed packages for the nine sectors, in the spirit of post-RRM practice in Mali: transfers
 * set around the minimum expenditure basket (MEB) in XOF, the standard shelter/NFI kit, the WASH
 * hygiene kit. Figures are illustrative for the demo, not the clusters' official values.
 */
export const demoPackages: DemoPackage[] = [
  {
    sector: 'secal',
    name: 'Transfert monétaire alimentaire mensuel',
    phase: 'post_rrm',
    modality: 'cash',
    components: [c('Transfert monétaire (part alimentaire du PMD)', 1, 'versement')],
    transferValueXof: 65_000,
    recurring: true,
    durationMonths: 3,
    frequency: 'monthly',
    targeting: 'Ménages déplacés arrivés depuis moins de 12 mois, score de consommation alimentaire pauvre ou limite.',
    references: 'Sphère 2018, sécurité alimentaire standard 6.1 ; note technique du cluster Sécurité alimentaire et du GTM (groupe de travail cash).',
    endorsedBy: 'cluster',
    endorsedDaysAgo: 120,
  },
  {
    sector: 'nutrition',
    name: 'Prévention de la malnutrition aiguë (enfants 6–23 mois)',
    phase: 'post_rrm',
    modality: 'in_kind',
    components: [c('Super Cereal Plus', 6, 'kg/mois'), c('Dépistage PB (MUAC)', 1, 'par mois'), c('Séance ANJE', 1, 'par mois')],
    transferValueXof: null,
    recurring: false,
    durationMonths: 3,
    frequency: 'monthly',
    targeting: 'Enfants de 6 à 23 mois et femmes enceintes ou allaitantes des ménages déplacés.',
    references: 'Protocole national PCIMA ; Sphère, nutrition standard 2.',
    endorsedBy: 'cluster',
    endorsedDaysAgo: 150,
  },
  {
    sector: 'sante',
    name: 'Soins de santé primaires gratuits',
    phase: 'post_rrm',
    modality: 'service',
    components: [c('Consultation curative gratuite'), c('Médicaments essentiels'), c('Référence vers le CSRéf')],
    transferValueXof: null,
    recurring: false,
    durationMonths: 6,
    frequency: 'monthly',
    targeting: 'Toute personne déplacée et la communauté hôte de l’aire de santé.',
    references: 'Sphère, santé standard 1.1 ; politique de gratuité ciblée du ministère de la Santé.',
    endorsedBy: 'cluster',
    endorsedDaysAgo: 140,
  },
  {
    sector: 'eha',
    name: 'Kit d’hygiène familial',
    phase: 'rrm',
    modality: 'in_kind',
    components: [
      c('Seau avec couvercle et robinet', 1, '20 L'),
      c('Bidon', 2, '20 L'),
      c('Savon', 12, 'barres de 200 g'),
      c('Comprimés de purification d’eau', 90, 'comprimés'),
      c('Bouilloire (ablutions)', 1, 'pièce'),
      c('Kit d’hygiène menstruelle', 1, 'kit'),
    ],
    transferValueXof: 27_500,
    recurring: false,
    durationMonths: null,
    frequency: 'once',
    targeting: 'Ménages déplacés sans accès à un point d’eau amélioré.',
    references: 'Sphère, EHA standard 1.3 ; liste standard du cluster EHA Mali.',
    endorsedBy: 'cluster',
    endorsedDaysAgo: 200,
  },
  {
    sector: 'abris_ame',
    name: 'Kit AME standard et abri d’urgence',
    phase: 'rrm',
    modality: 'in_kind',
    components: [
      c('Bâche', 2, '4 × 6 m'),
      c('Natte', 2, 'pièces'),
      c('Couverture', 2, 'pièces'),
      c('Moustiquaire imprégnée', 2, 'pièces'),
      c('Kit de cuisine', 1, 'kit'),
      c('Lampe solaire', 1, 'pièce'),
    ],
    transferValueXof: 62_000,
    recurring: false,
    durationMonths: null,
    frequency: 'once',
    targeting: 'Ménages déplacés sans abri ou hébergés en famille d’accueil surpeuplée.',
    references: 'Sphère, abris standard 1 et 4 ; kit standard du cluster Abris/AME.',
    endorsedBy: 'cluster',
    endorsedDaysAgo: 210,
  },
  {
    sector: 'protection',
    name: 'Gestion de cas et assistance individuelle de protection',
    phase: 'post_rrm',
    modality: 'mixed',
    components: [
      c('Identification et évaluation du cas'),
      c('Référencement vers les services'),
      c('Assistance monétaire individuelle de protection', 1, 'versement'),
    ],
    transferValueXof: 40_000,
    recurring: false,
    durationMonths: 3,
    frequency: 'once',
    targeting: 'Personnes à besoins spécifiques identifiées par le monitoring de protection.',
    references: 'Standards minimums de protection de l’enfance ; procédures opérationnelles standard VBG Mali.',
    endorsedBy: 'cluster',
    endorsedDaysAgo: 110,
  },
  {
    sector: 'education',
    name: 'Kit scolaire et espace d’apprentissage temporaire',
    phase: 'post_rrm',
    modality: 'in_kind',
    components: [c('Kit élève', 1, 'par enfant'), c('Kit enseignant', 1, 'par classe'), c('Espace d’apprentissage temporaire', 1, 'par 50 élèves')],
    transferValueXof: null,
    recurring: false,
    durationMonths: 9,
    frequency: 'once',
    targeting: 'Enfants déplacés de 6 à 14 ans non scolarisés depuis le déplacement.',
    references: 'Normes minimales INEE ; stratégie du cluster Éducation.',
    endorsedBy: 'cluster',
    endorsedDaysAgo: 160,
  },
  {
    sector: 'relevement',
    name: 'Relance des activités génératrices de revenus',
    phase: 'recovery',
    modality: 'cash',
    components: [c('Subvention AGR', 1, 'versement'), c('Formation en gestion simplifiée', 3, 'jours')],
    transferValueXof: 150_000,
    recurring: false,
    durationMonths: 6,
    frequency: 'once',
    targeting: 'Ménages déplacés depuis plus de 6 mois, avec un plan d’activité validé.',
    references: 'Note d’orientation ICCG sur la transition post-RRM vers le relèvement.',
    endorsedBy: 'iccg',
    endorsedDaysAgo: 90,
  },
  {
    sector: 'cash',
    name: 'Transfert monétaire à usages multiples (PMD)',
    phase: 'post_rrm',
    modality: 'cash',
    components: [c('Transfert monétaire à usages multiples', 1, 'versement')],
    transferValueXof: 90_000,
    recurring: true,
    durationMonths: 3,
    frequency: 'monthly',
    targeting: 'Ménages déplacés les plus vulnérables selon la grille commune du GTM.',
    references: 'Panier minimum de dépenses (PMD) du GTM Mali ; Sphère, transferts monétaires.',
    endorsedBy: 'iccg',
    endorsedDaysAgo: 130,
  },
];

const demoMethods = [
  {
    sector: 'secal',
    name: 'Ciblage communautaire des ménages déplacés',
    methodType: 'targeting',
    description:
      '1. Comité de ciblage mixte (déplacés, hôtes, autorités).\n2. Critères de vulnérabilité communs.\n3. Validation publique de la liste et recours.',
  },
  {
    sector: 'cash',
    name: 'Suivi post-distribution (PDM) des transferts monétaires',
    methodType: 'pdm',
    description: 'Enquête téléphonique sur un échantillon aléatoire de 10 % des ménages, 2 à 4 semaines après chaque versement.',
  },
  {
    sector: 'protection',
    name: 'Mécanisme de plaintes et de retours communautaires',
    methodType: 'complaints',
    description: 'Numéro vert, boîtes à suggestions et points focaux communautaires ; réponse sous 14 jours.',
  },
] as const;

const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString().slice(0, 10);

async function insertEndorsed(
  trx: Kysely<DB>,
  values: Record<string, unknown> & { kind: 'package' | 'method' },
  endorsedBy: string,
  endorsedOn: string,
  coordinator: string | null,
  revision = 1,
  seriesId?: string,
  status = 'endorsed',
) {
  const id = crypto.randomUUID();
  await trx
    .insertInto('packages')
    .values({
      id,
      series_id: seriesId ?? id,
      revision,
      status,
      endorsed_by: endorsedBy,
      endorsed_on: endorsedOn,
      endorsement_recorded_by: coordinator,
      proposed_at: new Date(`${endorsedOn}T09:00:00Z`),
      superseded_at: status === 'superseded' ? new Date() : null,
      created_by: coordinator,
      ...(values as { kind: string; sector: string; name: string; phase: string }),
    })
    .execute();
  return id;
}

export const packagesDemoStep: DemoStep = {
  name: 'packages',
  async run(trx) {
    const coordinator = (await trx.selectFrom('users').select('id').where('role', '=', 'coordinator').orderBy('email').executeTakeFirst())?.id ?? null;
    // The Mopti regional coordinator follows Abris/AME as cluster focal point: they may propose its packages.
    const regional = await trx.selectFrom('users').select('id').where('email', '=', 'regional@demo.relais').executeTakeFirst();
    if (regional)
      await trx
        .insertInto('sector_focal_points')
        .values({ user_id: regional.id, sector: 'abris_ame' })
        .onConflict((oc) => oc.doNothing())
        .execute();
    const ids = new Map<Sector, { id: string; pkg: DemoPackage }>();
    for (const pkg of demoPackages) {
      const row = {
        kind: 'package' as const,
        sector: pkg.sector,
        name: pkg.name,
        phase: pkg.phase,
        modality: pkg.modality,
        components: JSON.stringify(pkg.components),
        transfer_value_xof: pkg.transferValueXof,
        recurring: pkg.recurring,
        duration_months: pkg.durationMonths,
        frequency: pkg.frequency,
        targeting: pkg.targeting,
        reference_text: pkg.references,
      };
      let seriesId: string | undefined;
      let revision = 1;
      if (pkg.sector === 'secal') {
        // The food transfer was revised when market prices rose: version 1 stays, superseded.
        seriesId = await insertEndorsed(trx, { ...row, transfer_value_xof: 55_000 }, 'cluster', daysAgo(300), coordinator, 1, undefined, 'superseded');
        revision = 2;
      }
      const id = await insertEndorsed(trx, row, pkg.endorsedBy, daysAgo(pkg.endorsedDaysAgo), coordinator, revision, seriesId);
      ids.set(pkg.sector, { id, pkg });
    }
    for (const m of demoMethods) {
      await insertEndorsed(
        trx,
        { kind: 'method', sector: m.sector, name: m.name, phase: 'post_rrm', method_type: m.methodType, description: m.description },
        'cluster',
        daysAgo(100),
        coordinator,
      );
    }
    // A proposal waiting for the coordination's endorsement.
    await trx
      .insertInto('packages')
      .values(
        (() => {
          const id = crypto.randomUUID();
          return {
            id,
            series_id: id,
            revision: 1,
            kind: 'package',
            sector: 'eha',
            name: 'Réhabilitation de point d’eau communautaire',
            phase: 'post_rrm',
            modality: 'service',
            components: JSON.stringify([c('Réhabilitation du forage ou du puits', 1, 'ouvrage'), c('Comité de gestion formé', 1, 'comité')]),
            duration_months: 4,
            status: 'proposed',
            proposed_at: new Date(),
            created_by: coordinator,
            reference_text: 'Sphère, EHA standard 2.1 (15 L par personne et par jour).',
          };
        })(),
      )
      .execute();

    // Some demo 5W records name their sector's package; a share of them delivered less. Set-based
    // (one statement per sector), the records picked by their id so the demo is the same every time.
    const bucket = sql<number>`(('x' || right(replace(id::text, '-', ''), 4))::bit(16)::int % 100)`;
    for (const [sector, { id, pkg }] of ids) {
      const value = pkg.transferValueXof;
      const lastComponent = pkg.components.length > 1 ? pkg.components.at(-1)!.item : null;
      await trx
        .updateTable('responses')
        .set({
          package_id: id,
          // Under 10: 70 % of the value; 10–19: 85 %; the even ones of those a month short; every third without the last component.
          delivered_value_xof: value
            ? sql<number>`CASE WHEN ${bucket} < 10 THEN ${Math.round((value * 0.7) / 500) * 500}::int WHEN ${bucket} < 20 THEN ${Math.round((value * 0.85) / 500) * 500}::int END`
            : null,
          delivered_duration_months: pkg.durationMonths
            ? sql<number>`CASE WHEN ${bucket} < 20 AND ${bucket} % 2 = 0 THEN ${Math.max(1, pkg.durationMonths - 1)}::int END`
            : null,
          missing_components: lastComponent
            ? sql<string[]>`CASE WHEN ${bucket} < 20 AND ${bucket} % 3 = 0 THEN ARRAY[${lastComponent}::text] ELSE '{}'::text[] END`
            : sql<string[]>`'{}'::text[]`,
        })
        .where('sector', '=', sector)
        .where(bucket, '<', 65)
        .execute();
    }
  },
};
