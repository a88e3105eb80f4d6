import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { MapPoint } from '../../../shared/map-columns.ts';

/** Names and ids of some points of the map, in their order. */
export interface Places {
  id: string[];
  name: string[];
}

/** Fetches the names and ids of one region's points on the national map of day `at`. */
export type LoadPlaces = (region: string, at: string, signal: AbortSignal) => Promise<Places>;

export interface Place {
  id: string;
  name: string;
}

/**
 * Names and ids of the map's points: all at once when the answer carries them (a region, a cercle),
 * else region by region when asked (the map zoomed in, a locality chosen), so the national map's
 * first download is only what it draws.
 */
export function useMapPlaces(points: readonly MapPoint[], inline: Places | null, at: string, load: LoadPlaces) {
  const [loaded, setLoaded] = useState<{ points: readonly MapPoint[]; byRegion: ReadonlyMap<string, Places> }>({ points, byRegion: new Map() });
  const asked = useRef(new Set<string>());
  const controller = useRef<AbortController | null>(null);
  const latestLoad = useRef(load);
  useEffect(() => {
    latestLoad.current = load;
  }, [load]);

  // Each point's position among its region's points: where its name sits in that region's answer.
  const { positions, counts } = useMemo(() => {
    const counts = new Map<string | null, number>();
    const positions = points.map((point) => {
      const position = counts.get(point.region) ?? 0;
      counts.set(point.region, position + 1);
      return position;
    });
    return { positions, counts };
  }, [points]);

  // Another map (filters, day, a write): what was fetched for the previous one no longer lines up.
  useEffect(() => {
    asked.current = new Set();
    controller.current = new AbortController();
    const current = controller.current;
    return () => current.abort();
  }, [points]);

  const byRegion = loaded.points === points ? loaded.byRegion : undefined;

  const request = useCallback(
    (regions: Iterable<string | null>) => {
      if (inline || !controller.current) return;
      const signal = controller.current.signal;
      for (const region of regions) {
        if (region === null || asked.current.has(region)) continue;
        asked.current.add(region);
        latestLoad
          .current(region, at, signal)
          .then((places) => {
            // A count that differs means the figures changed in between: the next map answer brings the new ones.
            if (places.id.length !== counts.get(region)) return;
            setLoaded((previous) => ({ points, byRegion: new Map([...(previous.points === points ? previous.byRegion : []), [region, places]]) }));
          })
          .catch(() => asked.current.delete(region));
      }
    },
    [inline, at, points, counts],
  );

  const placeOf = useCallback(
    (index: number): Place | null => {
      const point = points[index];
      if (!point) return null;
      const places = inline ?? (point.region === null ? undefined : byRegion?.get(point.region));
      const at = inline ? index : positions[index]!;
      const id = places?.id[at];
      const name = places?.name[at];
      return id !== undefined && name !== undefined ? { id, name } : null;
    },
    [points, inline, byRegion, positions],
  );

  return { placeOf, request };
}
