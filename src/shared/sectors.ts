import type { Language } from './contracts/common.ts';

/**
 * The nine sectors (clusters) every feature speaks of. Codes are stable identifiers stored in the
 * database and files; labels are what people read.
 */
export const sectors = ['secal', 'nutrition', 'sante', 'eha', 'abris_ame', 'protection', 'education', 'relevement', 'cash'] as const;
export type Sector = (typeof sectors)[number];

export const sectorLabels: Record<Sector, Record<Language, string>> = {
  secal: { fr: 'Sécurité alimentaire', en: 'Food security' },
  nutrition: { fr: 'Nutrition', en: 'Nutrition' },
  sante: { fr: 'Santé', en: 'Health' },
  eha: { fr: 'EHA (eau, hygiène, assainissement)', en: 'WASH (water, sanitation, hygiene)' },
  abris_ame: { fr: 'Abris / AME', en: 'Shelter / NFI' },
  protection: { fr: 'Protection', en: 'Protection' },
  education: { fr: 'Éducation', en: 'Education' },
  relevement: { fr: 'Relèvement précoce', en: 'Early recovery' },
  cash: { fr: 'Cash multisectoriel', en: 'Multipurpose cash' },
};

export function isSector(value: string): value is Sector {
  return (sectors as readonly string[]).includes(value);
}

/** Other names partners' sheets give sectors (cluster names in English, short forms). */
export const sectorAliases = {
  secal: ['SECAL', 'Sécurité alimentaire et moyens d’existence', 'SAME', 'Food', 'Food security', 'Vivres'],
  nutrition: ['NUT'],
  sante: ['Health', 'Sante'],
  eha: ['WASH', 'Eau hygiène assainissement', 'Eau, hygiène et assainissement', 'EHA'],
  abris_ame: ['Abris', 'AME', 'NFI', 'Shelter', 'Abris AME', 'Shelter / NFI', 'Shelter NFI', 'Abris et AME'],
  protection: ['PROT'],
  education: ['EDU'],
  relevement: ['Early recovery', 'Relèvement', 'Moyens de subsistance', 'Livelihoods', 'Relevement precoce'],
  cash: ['Cash', 'Multipurpose cash', 'MPC', 'Transferts monétaires', 'Cash multi-usage'],
} as const;
