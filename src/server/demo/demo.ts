import type { Kysely } from 'kysely';
import { searchKey } from '../../shared/text.ts';
import { hashPassword } from '../features/auth/password.ts';
import type { DB } from '../db/schema.ts';
import { demoAccounts, demoPassword } from './demo-accounts.ts';
import { demoAssessmentsStep } from '../features/assessments/assessments.demo.ts';
import { dashboardDemoStep } from '../features/dashboard/dashboard.demo.ts';
import { gazetteerBoundariesDemoStep } from '../features/gazetteer/gazetteer.demo.ts';
import { demoHandoversStep } from '../features/handovers/handovers.demo.ts';
import { demoListsStep } from '../features/lists/lists.demo.ts';
import { packagesDemoStep } from '../features/packages/packages.demo.ts';
import type { ListKeyring } from '../lib/list-keys.ts';
import { demoAlertsStep } from './demo-alerts.ts';
import { demoResponsesStep } from './demo-responses.ts';
import { codEdition, demoCommunes, demoLocalities, maliCercles, maliRegions } from './mali-reference.ts';

/**
 * The demo is built by named steps, each run once and remembered in `settings`, so a feature
 * added later seeds its own part into an existing demo database. Steps run in order, each in
 * its own transaction.
 */
export interface DemoStep {
  name: string;
  run(trx: Kysely<DB>): Promise<void>;
}

export const demoOrganisations = [
  { acronym: 'DNDS', name: 'Direction Nationale du Développement Social', type: 'government', roles: ['coordination'] },
  { acronym: 'OCHA', name: 'Bureau de la coordination des affaires humanitaires', type: 'un', roles: ['coordination'] },
  { acronym: 'ACTED', name: "Agence d'Aide à la Coopération Technique et au Développement", type: 'ingo', roles: ['rrm_partner', 'post_rrm_actor', 'coordination'] },
  { acronym: 'REACH', name: 'REACH Initiative', type: 'research', roles: ['research'] },
  { acronym: 'NRC', name: 'Conseil norvégien pour les réfugiés', type: 'ingo', roles: ['rrm_partner', 'post_rrm_actor'] },
  { acronym: 'IRC', name: 'International Rescue Committee', type: 'ingo', roles: ['rrm_partner', 'post_rrm_actor'] },
  { acronym: 'SI', name: 'Solidarités International', type: 'ingo', roles: ['rrm_partner'] },
  { acronym: 'SCI', name: 'Save the Children International', type: 'ingo', roles: ['post_rrm_actor'] },
  { acronym: 'PAM', name: 'Programme alimentaire mondial', type: 'un', roles: ['post_rrm_actor'] },
  { acronym: 'UNICEF', name: "Fonds des Nations unies pour l'enfance", type: 'un', roles: ['post_rrm_actor'] },
  { acronym: 'HCR', name: 'Haut-Commissariat des Nations unies pour les réfugiés', type: 'un', roles: ['post_rrm_actor'] },
  { acronym: 'OIM', name: 'Organisation internationale pour les migrations', type: 'un', roles: ['post_rrm_actor', 'research'] },
  { acronym: 'CRM', name: 'Croix-Rouge malienne', type: 'red_cross', roles: ['post_rrm_actor'] },
  { acronym: 'AMSS', name: 'Association Malienne pour la Survie au Sahel', type: 'nngo', roles: ['post_rrm_actor'] },
  { acronym: 'TASSAGHT', name: 'Tassaght', type: 'nngo', roles: ['post_rrm_actor'] },
  { acronym: 'GIZ', name: 'Coopération allemande (GIZ)', type: 'donor', roles: ['development_actor'] },
] as const;

const referenceStep: DemoStep = {
  name: 'reference',
  async run(trx) {
    const areas = [
      ...maliRegions.map(([pcode, name]) => ({ pcode, name, level: 1, parent_pcode: null })),
      ...maliCercles.map(([pcode, name, parent]) => ({ pcode, name, level: 2, parent_pcode: parent })),
      ...demoCommunes.map(([pcode, name, parent]) => ({ pcode, name, level: 3, parent_pcode: parent })),
    ];
    await trx
      .insertInto('admin_areas')
      .values(areas.map((a) => ({ ...a, name_key: searchKey(a.name), edition: codEdition })))
      .onConflict((oc) => oc.column('pcode').doNothing())
      .execute();
    await trx
      .insertInto('localities')
      .values(
        demoLocalities.map((l) => ({
          name: l.name,
          name_key: searchKey(l.name),
          pcode: l.pcode,
          kind: l.kind,
          adm1_pcode: l.adm1,
          adm2_pcode: l.adm2,
          adm3_pcode: l.adm3,
          lat: l.lat,
          lon: l.lon,
        })),
      )
      .onConflict((oc) => oc.column('pcode').doNothing())
      .execute();
  },
};

const organisationsStep: DemoStep = {
  name: 'organisations',
  async run(trx) {
    await trx
      .insertInto('organisations')
      .values(demoOrganisations.map((o) => ({ ...o, roles: [...o.roles] })))
      .execute();
  },
};

const accountsStep: DemoStep = {
  name: 'accounts',
  async run(trx) {
    const organisations = await trx.selectFrom('organisations').select(['id', 'acronym']).execute();
    const idOf = new Map(organisations.map((o) => [o.acronym, o.id]));
    const passwordHash = await hashPassword(demoPassword);
    await trx
      .insertInto('users')
      .values(
        demoAccounts.map((a) => ({
          email: a.email,
          name: a.name,
          role: a.role,
          organisation_id: a.organisation ? (idOf.get(a.organisation) ?? null) : null,
          regions: a.regions,
          language: 'fr',
          password_hash: passwordHash,
        })),
      )
      .onConflict((oc) => oc.column('email').doNothing())
      .execute();
  },
};


/** Reference places, organisations and one account per role: also the fixture of server tests. */
export const baseDemoSteps: readonly DemoStep[] = [referenceStep, organisationsStep, accountsStep];
export const demoSteps: DemoStep[] = [...baseDemoSteps, gazetteerBoundariesDemoStep, demoAlertsStep, demoResponsesStep, dashboardDemoStep, demoAssessmentsStep, demoHandoversStep, packagesDemoStep];

/** Every step, the beneficiary lists included: they are encrypted, so they need the server's keys. */
export function demoStepsWithLists(keyring: ListKeyring): DemoStep[] {
  return [...demoSteps, demoListsStep(keyring)];
}

/** Runs the steps not yet applied; returns whether any ran. */
export async function seedDemoData(db: Kysely<DB>, steps: readonly DemoStep[] = demoSteps): Promise<boolean> {
  const done = new Set(
    (await db.selectFrom('settings').select('key').where('key', 'like', 'demo.step.%').execute()).map((r) => r.key),
  );
  let ran = false;
  for (const step of steps) {
    const key = `demo.step.${step.name}`;
    if (done.has(key)) continue;
    await db.transaction().execute(async (trx) => {
      await step.run(trx);
      await trx.insertInto('settings').values({ key, value: JSON.stringify({ at: new Date().toISOString() }) }).execute();
    });
    ran = true;
  }
  return ran;
}

/**
 * A demo step that goes through a feature's services (which open their own transactions and read
 * through the pool) rather than one transaction: run once, after the app is built, and marked
 * done only when it finished, so a failed attempt is tried again at the next start.
 */
export async function seedDemoOnce(db: Kysely<DB>, name: string, run: () => Promise<void>): Promise<boolean> {
  const key = `demo.step.${name}`;
  if (await db.selectFrom('settings').select('key').where('key', '=', key).executeTakeFirst()) return false;
  await run();
  await db.insertInto('settings').values({ key, value: JSON.stringify({ at: new Date().toISOString() }) }).execute();
  return true;
}
