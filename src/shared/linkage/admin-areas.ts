import type { HouseholdFields } from './household.ts';
import { foldName } from './names.ts';

/** One commune of the gazetteer with its cercle and region (OCHA COD P-codes and names). */
export interface AdminArea {
  adm1Code: string;
  adm1Name: string;
  adm2Code: string;
  adm2Name: string;
  adm3Code: string;
  adm3Name: string;
}

// Lists write "Commune de Tenenkou", "Tenenkou Commune", "Cercle de Bla", "Région de Mopti".
const levelWords = /\b(commune|cercle|region|rurale|urbaine|de|du|d)\b/g;
const placeKey = (name: string) => foldName(name).replace(levelWords, ' ').replace(/\s+/g, ' ').trim();

/**
 * Completes a row's admin areas from the gazetteer, so that one list giving P-codes and another
 * giving names still compare on the commune, cercle and region: a commune P-code brings its
 * cercle and region codes; names bring their codes when the gazetteer knows them without
 * ambiguity (a commune name is looked up within its cercle or region when those are given).
 * Rows the gazetteer cannot place are left as they are.
 */
export class AdminAreas {
  private readonly byCommuneCode = new Map<string, AdminArea>();
  private readonly regionByName = new Map<string, string | null>();
  private readonly cercleByName = new Map<string, string | null>();
  private readonly communeByName = new Map<string, AdminArea | null>();

  constructor(areas: Iterable<AdminArea>) {
    // A name met twice in different places is ambiguous (null): never guessed.
    const remember = <T>(map: Map<string, T | null>, key: string, value: T, same: (a: T, b: T) => boolean) => {
      const known = map.get(key);
      if (known === undefined) map.set(key, value);
      else if (known !== null && !same(known, value)) map.set(key, null);
    };
    const sameArea = (a: AdminArea, b: AdminArea) => a.adm3Code === b.adm3Code;
    const sameCode = (a: string, b: string) => a === b;
    for (const area of areas) {
      this.byCommuneCode.set(area.adm3Code, area);
      remember(this.regionByName, placeKey(area.adm1Name), area.adm1Code, sameCode);
      remember(this.cercleByName, `${area.adm1Code}|${placeKey(area.adm2Name)}`, area.adm2Code, sameCode);
      remember(this.cercleByName, placeKey(area.adm2Name), area.adm2Code, sameCode);
      const commune = placeKey(area.adm3Name);
      remember(this.communeByName, `${area.adm2Code}|${commune}`, area, sameArea);
      remember(this.communeByName, `${area.adm1Code}|${commune}`, area, sameArea);
      remember(this.communeByName, commune, area, sameArea);
    }
  }

  complete(fields: HouseholdFields): HouseholdFields {
    const code = fields.adm3Code?.trim().toUpperCase();
    const known = code ? this.byCommuneCode.get(code) : undefined;
    const area = known ?? this.communeNamed(fields);
    if (area) {
      return {
        ...fields,
        adm1Code: fields.adm1Code || area.adm1Code,
        adm2Code: fields.adm2Code || area.adm2Code,
        adm3Code: fields.adm3Code || area.adm3Code,
      };
    }
    const region = fields.adm1Code || (fields.adm1Name ? this.regionByName.get(placeKey(fields.adm1Name)) : null);
    const cercle = fields.adm2Code || this.cercleNamed(fields.adm2Name, region ?? null);
    if (!region && !cercle) return fields;
    return { ...fields, adm1Code: region || (cercle ? cercle.slice(0, 4) : null), adm2Code: cercle ?? null };
  }

  private cercleNamed(name: string | null | undefined, region: string | null): string | null {
    if (!name) return null;
    const key = placeKey(name);
    return (region ? this.cercleByName.get(`${region}|${key}`) : undefined) ?? this.cercleByName.get(key) ?? null;
  }

  private communeNamed(fields: HouseholdFields): AdminArea | null {
    if (!fields.adm3Name) return null;
    const commune = placeKey(fields.adm3Name);
    const region = fields.adm1Code || (fields.adm1Name ? this.regionByName.get(placeKey(fields.adm1Name)) : null);
    const cercle = fields.adm2Code || this.cercleNamed(fields.adm2Name, region ?? null);
    if (cercle) return this.communeByName.get(`${cercle}|${commune}`) ?? null;
    if (region) return this.communeByName.get(`${region}|${commune}`) ?? null;
    return this.communeByName.get(commune) ?? null;
  }
}

// Mali's COD P-codes nest: region ML05, cercle ML0508, commune ML050801, locality ML050801001.
const maliLocalityCode = /^ML\d{9}$/;

/**
 * A row's admin areas from the locality P-code the gazetteer resolved, where a device has no
 * gazetteer of its own (the browser's encoding): the same codes `AdminAreas.complete` gives the
 * command line, so a list encoded in the browser and one encoded by `relais encode` agree on
 * the commune and the region.
 */
export function withLocalityAreas(fields: HouseholdFields, localityCode: string): HouseholdFields {
  if (!maliLocalityCode.test(localityCode)) return fields;
  return {
    ...fields,
    adm1Code: fields.adm1Code || localityCode.slice(0, 4),
    adm2Code: fields.adm2Code || localityCode.slice(0, 6),
    adm3Code: fields.adm3Code || localityCode.slice(0, 8),
  };
}
