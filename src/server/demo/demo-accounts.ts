import type { Role } from '../../shared/permissions.ts';

export const demoPassword = 'relais-demo';

export interface DemoAccount {
  email: string;
  name: string;
  role: Role;
  /** Acronym of the demo organisation the account belongs to. */
  organisation: string | null;
  regions: string[];
  description: string;
}

export const demoAccounts: readonly DemoAccount[] = [
  { email: 'admin@demo.relais', name: 'Aminata Traoré', role: 'admin', organisation: 'DNDS', regions: [], description: 'administrateur / administrator' },
  { email: 'coordinator@demo.relais', name: 'Moussa Coulibaly', role: 'coordinator', organisation: 'OCHA', regions: [], description: 'coordination nationale / national coordinator' },
  { email: 'regional@demo.relais', name: 'Fatoumata Diallo', role: 'regional_coordinator', organisation: 'DNDS', regions: ['ML05'], description: 'coordination régionale Mopti / regional coordinator (Mopti)' },
  { email: 'partner@demo.relais', name: 'Ibrahim Maïga', role: 'partner', organisation: 'NRC', regions: [], description: 'partenaire (NRC) / partner organisation' },
  { email: 'partner.irc@demo.relais', name: 'Mariam Keïta', role: 'partner', organisation: 'IRC', regions: [], description: 'partenaire (IRC) / partner organisation' },
  { email: 'viewer@demo.relais', name: 'Claire Martin', role: 'viewer', organisation: null, regions: [], description: 'lecture seule / read-only (donor)' },
  { email: 'custodian@demo.relais', name: 'Oumar Sangaré', role: 'list_custodian', organisation: 'DNDS', regions: [], description: 'gardien des listes / list custodian' },
];
