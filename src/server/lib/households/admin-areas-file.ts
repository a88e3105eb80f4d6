import fs from 'node:fs';
import path from 'node:path';
import { type AdminArea, AdminAreas } from '../../../shared/linkage/admin-areas.ts';

// The OCHA COD 2015 communes of Mali shipped with Relais (reference-data/, with its attribution).
const communesFile = path.resolve(import.meta.dirname, '../../../../reference-data/mali-cod-2015/mli_cod2015_pcodes_adm3_gazetteer.csv');

/** Mali's communes, cercles and regions, for lists read without a server (command line, benchmarks). */
export function maliAdminAreas(): AdminAreas {
  const areas: AdminArea[] = [];
  // A plain CSV without quotes: adm1_pcode,adm1_name,adm2_pcode,adm2_name,adm3_pcode,adm3_name.
  for (const line of fs.readFileSync(communesFile, 'utf8').split(/\r?\n/).slice(1)) {
    const [adm1Code, adm1Name, adm2Code, adm2Name, adm3Code, adm3Name] = line.split(',');
    if (adm1Code && adm1Name && adm2Code && adm2Name && adm3Code && adm3Name) areas.push({ adm1Code, adm1Name, adm2Code, adm2Name, adm3Code, adm3Name });
  }
  return new AdminAreas(areas);
}
