import type { GapRow } from '../../../shared/contracts/gaps.ts';
import type { ChangesRead } from '../../lib/change-reader.ts';

/** Every locality × sector at one date and horizon, national: what the store keeps. */
export interface StateKey {
  at: string;
  horizonDays: number;
}

/** Each region × sector's count of organisations with capacity left, by 'region|sector'. */
export type CapacityCount = ReadonlyMap<string, number>;

interface KeptState {
  key: StateKey;
  byLocality: Map<string, GapRow[]>;
  /** The rows as one list, rebuilt on the first read after a change. */
  flat: GapRow[] | null;
  /** Whether the state must be computed whole (new, too many changes, or a failed build). */
  stale: boolean;
  /** Localities changed since the rows were computed. */
  pending: Set<string>;
  /** Regions whose rows' counts of organisations with capacity left may be out of date ('all': every region). */
  capacityStale: Set<string> | 'all';
  /** The state's work, one piece at a time. */
  work: Promise<unknown>;
}

const capacityKey = (row: GapRow) => `${row.locality.adm1Pcode ?? ''}|${row.sector}`;

function addRegions(state: KeptState, rows: readonly GapRow[] | undefined): void {
  if (!rows || state.capacityStale === 'all') return;
  for (const row of rows) state.capacityStale.add(row.locality.adm1Pcode ?? '');
}

/**
 * National gap rows kept per date and horizon, brought up to date from what changed instead of
 * recomputed: before each read, the localities the triggers logged in `gap_changes` since the
 * last read (src/server/db/migrations/20261210100000_gap_changes.ts) are recomputed by the same
 * engine as the full computation, and their rows replace the old ones. Each region × sector's
 * count of organisations with capacity left (a 5W record changes what its organisation has
 * committed in its region) is recounted for the regions changed, when a reader asks for it: the
 * dashboard's figures do not use it, the gap list does. Everything is recomputed when places,
 * organisations or settings changed, when more than `maxLocalities` localities changed, or when
 * no read happened for long enough that the log may have been pruned.
 *
 * Past month-ends are states like today's: a change to an old record recomputes only its
 * localities there too, so a 12-month trend reads 12 kept states plus today's.
 */
export function gapState(deps: {
  /** Reads the change log from where it stopped, handing what changed to the callback given. */
  changes: (apply: (changes: ChangesRead) => void) => () => Promise<void>;
  /** The engine's rows for these localities, or all of them with their capacity counts when null. */
  evaluate: (key: StateKey, localityIds: readonly string[] | null) => Promise<GapRow[]>;
  /** Counts of organisations with capacity left in these regions (all regions when null). */
  capacityCount: (key: StateKey, regions: readonly string[] | null) => Promise<CapacityCount>;
  maxLocalities?: number;
  maxStates?: number;
}) {
  const maxLocalities = deps.maxLocalities ?? 400;
  const maxStates = deps.maxStates ?? 40;
  const states = new Map<string, KeptState>();
  const stats = { builds: 0, patches: 0, localitiesRecomputed: 0 };

  const sync = deps.changes((changes) => {
    if (changes.everything) {
      for (const state of states.values()) {
        state.stale = true;
        state.pending.clear();
      }
      return;
    }
    for (const state of states.values()) {
      if (state.stale) continue;
      for (const id of changes.localities) state.pending.add(id);
      if (changes.capacity) state.capacityStale = 'all';
      // Too far behind: the next read recomputes it whole, and the set need not grow further.
      if (state.pending.size > maxLocalities) {
        state.stale = true;
        state.pending.clear();
      }
    }
  });

  async function build(state: KeptState): Promise<void> {
    state.pending.clear();
    state.capacityStale = new Set();
    const rows = await deps.evaluate(state.key, null);
    const byLocality = new Map<string, GapRow[]>();
    for (const row of rows) {
      const list = byLocality.get(row.locality.id);
      if (list) list.push(row);
      else byLocality.set(row.locality.id, [row]);
    }
    state.byLocality = byLocality;
    state.flat = rows;
    state.stale = false;
    stats.builds += 1;
  }

  async function patch(state: KeptState): Promise<void> {
    const localities = [...state.pending];
    state.pending.clear();
    try {
      const rows = await deps.evaluate(state.key, localities);
      // The regions of the rows replaced and of the new ones: their capacity counts may have moved.
      for (const id of localities) {
        addRegions(state, state.byLocality.get(id));
        state.byLocality.delete(id);
      }
      addRegions(state, rows);
      for (const row of rows) {
        const list = state.byLocality.get(row.locality.id);
        if (list) list.push(row);
        else state.byLocality.set(row.locality.id, [row]);
      }
      state.flat = null;
      stats.patches += 1;
      stats.localitiesRecomputed += localities.length;
    } catch (error) {
      for (const id of localities) state.pending.add(id);
      throw error;
    }
  }

  async function recountCapacity(state: KeptState): Promise<void> {
    const stale = state.capacityStale;
    state.capacityStale = new Set();
    try {
      const regions = stale === 'all' ? null : new Set(stale);
      const counts = await deps.capacityCount(state.key, regions && [...regions]);
      for (const list of state.byLocality.values()) {
        if (regions && !regions.has(list[0]!.locality.adm1Pcode ?? '')) continue;
        for (let i = 0; i < list.length; i++) {
          const row = list[i]!;
          const count = counts.get(capacityKey(row)) ?? 0;
          if (count !== row.capacityOrganisations) list[i] = { ...row, capacityOrganisations: count };
        }
      }
      state.flat = null;
    } catch (error) {
      // Regions marked meanwhile by a patch stay marked, with these.
      const now = state.capacityStale as KeptState['capacityStale'];
      if (stale === 'all' || now === 'all') state.capacityStale = 'all';
      else for (const region of stale) now.add(region);
      throw error;
    }
  }

  function stateOf(key: StateKey): KeptState {
    const id = `${key.at}|${key.horizonDays}`;
    let state = states.get(id);
    if (state) {
      // Most recently used last, so the oldest unused state goes first.
      states.delete(id);
      states.set(id, state);
      return state;
    }
    state = { key, byLocality: new Map(), flat: [], stale: true, pending: new Set(), capacityStale: new Set(), work: Promise.resolve() };
    states.set(id, state);
    if (states.size > maxStates) states.delete(states.keys().next().value!);
    return state;
  }

  return {
    /**
     * Every locality × sector at the key's date, including every change committed before the
     * call; without `capacity`, their counts of organisations with capacity left may lag.
     */
    async rows(key: StateKey, options: { capacity: boolean }): Promise<GapRow[]> {
      await sync();
      const state = stateOf(key);
      const update = state.work
        .catch(() => undefined)
        .then(async () => {
          if (state.stale) await build(state);
          else if (state.pending.size > 0) await patch(state);
          if (options.capacity && (state.capacityStale === 'all' || state.capacityStale.size > 0)) await recountCapacity(state);
          state.flat ??= [...state.byLocality.values()].flat();
          return state.flat;
        });
      state.work = update;
      return update;
    },

    /** How the rows were brought up to date so far, for tests and benchmarks. */
    stats: () => ({ ...stats }),
  };
}
