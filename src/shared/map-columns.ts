import type { MapLocality, MapPlaces, MapPoints } from './contracts/dashboard.ts';
import { type GapStatus, gapStatuses } from './gaps.ts';
import { type Phase, phases } from './phases.ts';

/** Coordinates travel as integers of 1/10,000 degree. */
const coordinateScale = 1e4;

const codeOf = <T extends string>(list: readonly T[], value: T | null) => (value === null ? -1 : list.indexOf(value));
const valueOf = <T extends string>(list: readonly T[], code: number | undefined): T | null => (code === undefined || code < 0 ? null : (list[code] ?? null));

/** The localities of a map as columns: what it draws, and the regions they refer to by position. */
export function pointColumns(localities: readonly MapLocality[]): { regions: string[]; points: MapPoints } {
  const regions = [...new Set(localities.map((l) => l.adm1Pcode).filter((code) => code !== null))].sort();
  const regionIndex = new Map(regions.map((code, i) => [code, i]));
  return {
    regions,
    points: {
      lon: localities.map((l) => Math.round(l.lon * coordinateScale)),
      lat: localities.map((l) => Math.round(l.lat * coordinateScale)),
      region: localities.map((l) => (l.adm1Pcode === null ? -1 : regionIndex.get(l.adm1Pcode)!)),
      displacedHouseholds: localities.map((l) => l.displacedHouseholds),
      phase: localities.map((l) => codeOf(phases, l.phase)),
      gapStatus: localities.map((l) => codeOf(gapStatuses, l.gapStatus)),
      gapHouseholds: localities.map((l) => l.gapHouseholds),
    },
  };
}

/** Names and ids of some localities, in their order. */
export function placeColumns(localities: readonly MapLocality[]): MapPlaces {
  return {
    id: localities.map((l) => l.id),
    name: localities.map((l) => l.name),
    openGaps: localities.map((l) => l.openGaps),
    upcomingGaps: localities.map((l) => l.upcomingGaps),
  };
}

/** One point of the map read back from the columns; `index` is its position in them. */
export interface MapPoint {
  index: number;
  lon: number;
  lat: number;
  /** The region's P-code, null when unknown. */
  region: string | null;
  displacedHouseholds: number;
  phase: Phase | null;
  gapStatus: GapStatus | null;
  gapHouseholds: number;
}

export function pointsOf(regions: readonly string[], columns: MapPoints): MapPoint[] {
  return columns.lon.map((lon, index) => ({
    index,
    lon: lon / coordinateScale,
    lat: (columns.lat[index] ?? 0) / coordinateScale,
    region: regions[columns.region[index] ?? -1] ?? null,
    displacedHouseholds: columns.displacedHouseholds[index] ?? 0,
    phase: valueOf(phases, columns.phase[index]),
    gapStatus: valueOf(gapStatuses, columns.gapStatus[index]),
    gapHouseholds: columns.gapHouseholds[index] ?? 0,
  }));
}
