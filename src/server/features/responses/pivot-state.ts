import type { PivotDimension, ResponseFilters } from '../../../shared/contracts/responses.ts';
import type { ChangesRead } from '../../lib/change-reader.ts';
import { type LocalityCountRow, type LocalityHouseholdRow, pivotLevels, type PivotRow } from './pivot.repository.ts';

type Parts = { counts: LocalityCountRow[]; households: LocalityHouseholdRow[] };

interface Figure {
  level: number;
  rk: string | null;
  ck: string | null;
  /** Records per organisation: the actors are the organisations with some. */
  organisations: Map<string, number>;
  records: number;
  targeted: number;
  reached: number;
}

interface KeptPivot {
  rows: PivotDimension;
  cols: PivotDimension;
  filters: ResponseFilters;
  stale: boolean;
  pending: Set<string>;
  byLocality: Map<string, Parts>;
  figures: Map<string, Figure>;
  /** The answer, until the next change. */
  answer: PivotRow[] | null;
  work: Promise<unknown>;
}

const keyOf = (level: number, rk: string | null, ck: string | null) => `${level}\u0000${rk ?? '\u0001'}\u0000${ck ?? '\u0001'}`;

/** Months come back as the first day's date: the pivot speaks 'YYYY-MM'. */
const label = (dimension: PivotDimension, value: string | null) => (value !== null && dimension === 'month' ? String(value).slice(0, 7) : value);

function figureAt(state: KeptPivot, level: number, rk: string | null, ck: string | null): Figure {
  const key = keyOf(level, rk, ck);
  let figure = state.figures.get(key);
  if (!figure) state.figures.set(key, (figure = { level, rk, ck, organisations: new Map(), records: 0, targeted: 0, reached: 0 }));
  return figure;
}

/** Adds (sign 1) or takes away (sign -1) one locality's parts from the figures. */
function apply(state: KeptPivot, parts: Parts, sign: 1 | -1): void {
  for (const row of parts.counts) {
    const records = Number(row.records);
    // A record counts in its cell, its row's total, its column's total and the whole.
    const levels: [number, string | null, string | null][] = [
      [pivotLevels.cell, row.rk, row.ck],
      [pivotLevels.rowTotal, row.rk, null],
      [pivotLevels.colTotal, null, row.ck],
      [pivotLevels.total, null, null],
    ];
    for (const [level, rk, ck] of levels) {
      const figure = figureAt(state, level, rk, ck);
      figure.records += sign * records;
      const left = (figure.organisations.get(row.organisation_id) ?? 0) + sign * records;
      if (left > 0) figure.organisations.set(row.organisation_id, left);
      else figure.organisations.delete(row.organisation_id);
    }
  }
  // Households per locality are already each level's (the largest month and sector, never their sum).
  for (const row of parts.households) {
    const figure = figureAt(state, Number(row.g), row.rk, row.ck);
    figure.targeted += sign * Number(row.targeted ?? 0);
    figure.reached += sign * Number(row.reached ?? 0);
  }
}

function byLocality(parts: Parts): Map<string, Parts> {
  const split = new Map<string, Parts>();
  const of = (id: string) => {
    let entry = split.get(id);
    if (!entry) split.set(id, (entry = { counts: [], households: [] }));
    return entry;
  };
  for (const row of parts.counts) of(row.locality_id).counts.push(row);
  for (const row of parts.households) of(row.locality_id).households.push(row);
  return split;
}

/**
 * 5W pivots kept per dimensions and filters, brought up to date from what changed: the pivot's
 * figures are sums over localities (records, households: see pivot.repository.ts) and counts of
 * organisations, so each locality's part is kept, and after a write only the localities the
 * change log names (src/server/lib/change-reader.ts) are read again, their old part taken away
 * and the new one added. Recomputed whole when everything changed or too many localities did.
 * The same figures as `figures` in pivot.repository.ts (agreement tested in pivot-state.test.ts).
 */
export function pivotState(deps: {
  changes: (apply: (changes: ChangesRead) => void) => () => Promise<void>;
  partsByLocality: (rows: PivotDimension, cols: PivotDimension, filters: ResponseFilters, localityIds: readonly string[] | null) => Promise<Parts>;
  maxLocalities?: number;
  maxStates?: number;
}) {
  const maxLocalities = deps.maxLocalities ?? 400;
  const maxStates = deps.maxStates ?? 8;
  const states = new Map<string, KeptPivot>();

  const sync = deps.changes((changes) => {
    for (const state of states.values()) {
      if (state.stale) continue;
      if (changes.everything || state.pending.size + changes.localities.length > maxLocalities) {
        state.stale = true;
        state.pending.clear();
        continue;
      }
      for (const id of changes.localities) state.pending.add(id);
    }
  });

  async function build(state: KeptPivot): Promise<void> {
    state.pending.clear();
    const parts = await deps.partsByLocality(state.rows, state.cols, state.filters, null);
    state.figures = new Map();
    state.byLocality = byLocality(parts);
    for (const locality of state.byLocality.values()) apply(state, locality, 1);
    state.stale = false;
    state.answer = null;
  }

  async function patch(state: KeptPivot): Promise<void> {
    const localities = [...state.pending];
    state.pending.clear();
    try {
      const fresh = byLocality(await deps.partsByLocality(state.rows, state.cols, state.filters, localities));
      for (const id of localities) {
        const old = state.byLocality.get(id);
        if (old) apply(state, old, -1);
        const now = fresh.get(id);
        if (now) {
          apply(state, now, 1);
          state.byLocality.set(id, now);
        } else state.byLocality.delete(id);
      }
      state.answer = null;
    } catch (error) {
      for (const id of localities) state.pending.add(id);
      throw error;
    }
  }

  function answerOf(state: KeptPivot): PivotRow[] {
    const answer: PivotRow[] = [];
    for (const [key, figure] of state.figures) {
      // Nothing recorded there any more: households come from the same records, none left either.
      if (figure.organisations.size === 0) {
        state.figures.delete(key);
        continue;
      }
      answer.push({
        level: figure.level,
        row: label(state.rows, figure.rk),
        col: label(state.cols, figure.ck),
        actors: figure.organisations.size,
        records: figure.records,
        householdsTargeted: figure.targeted,
        householdsReached: figure.reached,
      });
    }
    return answer;
  }

  return {
    /** The pivot's figures with every change committed before the call (as `figures` in pivot.repository.ts). */
    async figures(rows: PivotDimension, cols: PivotDimension, filters: ResponseFilters): Promise<PivotRow[]> {
      await sync();
      const id = JSON.stringify([rows, cols, filters]);
      let state = states.get(id);
      if (state) {
        states.delete(id);
        states.set(id, state);
      } else {
        state = { rows, cols, filters, stale: true, pending: new Set(), byLocality: new Map(), figures: new Map(), answer: null, work: Promise.resolve() };
        states.set(id, state);
        if (states.size > maxStates) states.delete(states.keys().next().value!);
      }
      const kept = state;
      const update = kept.work
        .catch(() => undefined)
        .then(async () => {
          if (kept.stale) await build(kept);
          else if (kept.pending.size > 0) await patch(kept);
          kept.answer ??= answerOf(kept);
          return kept.answer;
        });
      kept.work = update;
      return update;
    },
  };
}
export type PivotState = ReturnType<typeof pivotState>;
