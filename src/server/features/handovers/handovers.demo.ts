import type { Kysely } from 'kysely';
import { addDays, addMonths, todayIso } from '../../../shared/phases.ts';
import { searchKey } from '../../../shared/text.ts';
import type { DB } from '../../db/schema.ts';
import type { DemoStep } from '../../demo/demo.ts';
import { phaseSettingsRepository } from '../alerts/alerts.module.ts';
import { handoversRepository } from './handovers.repository.ts';

/** Development and resilience actors of the demo, besides GIZ (already among the organisations). */
const actors = [
  { acronym: 'PNUD', name: 'Programme des Nations unies pour le développement', type: 'un', roles: ['development_actor'] },
  { acronym: 'BM', name: 'Banque mondiale', type: 'donor', roles: ['development_actor'] },
  { acronym: 'CRC', name: 'Consortium Résilience Centre', type: 'ingo', roles: ['development_actor'] },
];

/** Programmes in a few communes of Mopti and Ségou; dates relative to the seeding day. */
function programmes(today: string) {
  return [
    {
      acronym: 'GIZ',
      name: 'Programme de résilience du Centre',
      funding: 'Union européenne',
      start: addMonths(today, -14),
      end: addMonths(today, 22),
      sectors: ['secal', 'relevement'],
      areas: ['ML0501', 'ML050105'],
    },
    {
      acronym: 'BM',
      name: 'Filets sociaux adaptatifs (Jigisèmèjiri)',
      funding: 'Banque mondiale',
      start: addMonths(today, -30),
      end: addMonths(today, 18),
      sectors: ['cash', 'secal'],
      areas: ['ML05', 'ML04'],
    },
    {
      acronym: 'PNUD',
      name: 'Relèvement communautaire et cohésion sociale',
      funding: 'PNUD, Fonds pour la consolidation de la paix',
      start: addMonths(today, -8),
      end: addMonths(today, 16),
      sectors: ['relevement', 'protection'],
      areas: ['ML040224', 'ML040506', 'ML040705'],
    },
    {
      acronym: 'CRC',
      name: 'Moyens d’existence et eau au pays dogon',
      funding: 'Union européenne, Coopération suisse',
      start: addMonths(today, -5),
      end: null,
      sectors: ['eha', 'relevement', 'secal'],
      areas: ['ML0502', 'ML050109'],
    },
  ];
}

/**
 * The continuum's demo: development actors and their programmes, the handover to-dos of the demo
 * shocks, and handovers at every status in Mopti and Ségou (the oldest shocks furthest along).
 */
export const demoHandoversStep: DemoStep = {
  name: 'handovers',
  async run(trx: Kysely<DB>) {
    const today = todayIso();
    const known = new Set((await trx.selectFrom('organisations').select('acronym').execute()).map((o) => o.acronym.toLowerCase()));
    const missing = actors.filter((a) => !known.has(a.acronym.toLowerCase()));
    if (missing.length) await trx.insertInto('organisations').values(missing).execute();
    const organisations = new Map((await trx.selectFrom('organisations').select(['id', 'acronym']).execute()).map((o) => [o.acronym, o.id]));
    const areas = new Set((await trx.selectFrom('admin_areas').select('pcode').execute()).map((a) => a.pcode));
    await trx
      .insertInto('development_programmes')
      .values(
        programmes(today).map((p) => ({
          organisation_id: organisations.get(p.acronym)!,
          name: p.name,
          name_key: searchKey(p.name),
          funding: p.funding,
          start_date: p.start,
          end_date: p.end,
          sectors: p.sectors,
          area_pcodes: p.areas.filter((a) => areas.has(a)),
        })),
      )
      .execute();

    const settings = await phaseSettingsRepository(trx).get(trx);
    await handoversRepository(trx).openTodos(trx, today, settings);
    const centre = await trx
      .selectFrom('handovers as h')
      .innerJoin('alerts as a', 'a.id', 'h.alert_id')
      .innerJoin('localities as l', 'l.id', 'a.host_locality_id')
      .where('l.adm1_pcode', 'in', ['ML05', 'ML04'])
      .select(['h.id', 'a.shock_date', 'l.adm1_pcode', 'l.adm2_pcode'])
      .orderBy('a.shock_date')
      .execute();
    const giz = organisations.get('GIZ')!;
    const steps = [
      {
        status: 'handed_over',
        actors: [organisations.get('BM')!, giz],
        notes: 'Les ménages les plus vulnérables sont inscrits au registre social unifié.',
        recommended: '- Inscrire les ménages déplacés au registre social unifié\n- Appuyer la reprise des activités agricoles',
      },
      {
        status: 'not_taken_up',
        actors: [organisations.get('PNUD')!],
        reason: 'Aucun programme de développement ne couvre cette commune avant la fin de l’année ; plaidoyer en cours auprès des bailleurs.',
      },
      {
        status: 'plan_agreed',
        actors: [organisations.get('CRC')!, giz],
        notes: 'Plan de reprise convenu : eau et moyens d’existence, démarrage prévu dans deux mois.',
        recommended: '- Réhabiliter les points d’eau\n- Soutenir les activités génératrices de revenus des femmes',
      },
      { status: 'dialogue_opened', actors: [giz], notes: 'Premier échange avec la GIZ lors de la réunion de coordination régionale.' },
    ] as const;
    for (const [index, step] of steps.entries()) {
      const handover = centre[index];
      if (!handover) break;
      const resilienceFrom = addMonths(handover.shock_date, settings.postRrmUntilMonth);
      // Dated around the end of post-RRM, never after today.
      const on = (d: string) => (d > today ? today : d);
      await trx
        .updateTable('handovers')
        .set({
          status: step.status,
          actor_organisation_ids: [...step.actors],
          dialogue_opened_on: on(addDays(resilienceFrom, -50)),
          plan_agreed_on: step.status === 'plan_agreed' || step.status === 'handed_over' ? on(addDays(resilienceFrom, -20)) : null,
          handed_over_on: step.status === 'handed_over' ? on(addDays(resilienceFrom, 10)) : null,
          not_taken_up_on: step.status === 'not_taken_up' ? on(addDays(resilienceFrom, 5)) : null,
          not_taken_up_reason: 'reason' in step ? step.reason : null,
          notes: 'notes' in step ? step.notes : null,
          recommended_actions: 'recommended' in step ? step.recommended : null,
          version: 2,
        })
        .where('id', '=', handover.id)
        .execute();
    }
  },
};
