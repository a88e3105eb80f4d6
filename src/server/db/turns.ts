import { AsyncLocalStorage } from 'node:async_hooks';
import type pg from 'pg';

const importing = new AsyncLocalStorage<true>();

/** Marks the statements of an import (whatever it awaits), so `turnTakingPool` gives them their turn. */
export function importTurns<A extends unknown[], R>(work: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
  return (...args) => importing.run(true, () => work(...args));
}

type Lane = 'import' | 'other';

/**
 * How long imports held the embedded store's connection, turn by turn: the longest is the
 * longest any other request waited for an import (printed by bench/import-readers.ts).
 */
export const importHolds = {
  turns: 0,
  longestMs: 0,
  totalMs: 0,
  reset(): void {
    this.turns = 0;
    this.longestMs = 0;
    this.totalMs = 0;
  },
  add(ms: number): void {
    this.turns++;
    this.longestMs = Math.max(this.longestMs, ms);
    this.totalMs += ms;
  },
};

const yielding = Symbol('yields before each statement');

/**
 * PGlite answers a statement without any I/O, so its promise settles in a microtask: a request
 * awaiting statement after statement never gave the event loop a turn (200 statements in a row:
 * no timer fired for 2.5 s; during a 50,000-row import the loop stood still for 30–45 s, health
 * checks and new connections included). Each statement now waits for the loop's next turn first.
 */
function yieldBeforeEachStatement(client: pg.PoolClient): void {
  const tagged = client as pg.PoolClient & { [yielding]?: true };
  if (tagged[yielding]) return;
  tagged[yielding] = true;
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    // Only the promise form (what Kysely calls); a callback or a submittable is passed through.
    if (typeof args.at(-1) === 'function' || typeof (args[0] as { submit?: unknown } | undefined)?.submit === 'function') return query(...args);
    return new Promise((resolve) => setImmediate(resolve)).then(() => query(...args));
  }) as typeof client.query;
}

/**
 * The embedded store's single connection, handed out in turns. A plain pool serves first come,
 * first served: 20 readers back to back keep about 20 statements queued, and each of an import's
 * hundreds of statements waited behind all of them (a 50,000-row 5W import under 20 readers did
 * not finish in 7 minutes). Here, while an import (`importTurns`) waits, it takes every other
 * turn, and the other requests waiting when its turn ends all go before its next one: a reader
 * waits for at most one of the import's turns (a statement, or a short transaction of its
 * write), and the import for the readers queued meanwhile. One for one was not enough: an
 * import's turn (a range of records written, ~150 ms) is far longer than a reader's statement,
 * and readers whose requests take several statements waited 3–5 s for their turns. Without an
 * import, first come, first served.
 */
export function turnTakingPool(pool: pg.Pool) {
  const waiting: Record<Lane, (() => void)[]> = { import: [], other: [] };
  let busy = false;
  let last: Lane = 'other';
  /** Other requests still to be served before the import's next turn: those waiting when its last one ended. */
  let othersFirst = 0;

  function next(): void {
    if (last === 'import') othersFirst = waiting.other.length;
    const lane: Lane | null =
      waiting.other.length > 0 && (othersFirst > 0 || waiting.import.length === 0) ? 'other' : waiting.import.length > 0 ? 'import' : null;
    if (!lane) {
      busy = false;
      return;
    }
    if (lane === 'other' && othersFirst > 0) othersFirst--;
    last = lane;
    waiting[lane].shift()!();
  }

  async function turn(): Promise<void> {
    const lane: Lane = importing.getStore() ? 'import' : 'other';
    if (busy) return new Promise<void>((resolve) => waiting[lane].push(resolve));
    busy = true;
    last = lane;
  }

  return {
    async connect(): Promise<pg.PoolClient> {
      await turn();
      let client: pg.PoolClient;
      try {
        client = await pool.connect();
      } catch (error) {
        next();
        throw error;
      }
      yieldBeforeEachStatement(client);
      const lane = last;
      const granted = performance.now();
      const release = client.release.bind(client);
      let released = false;
      client.release = (error?: Error | boolean) => {
        release(error);
        if (released) return;
        released = true;
        if (lane === 'import') importHolds.add(performance.now() - granted);
        next();
      };
      return client;
    },
    end: () => pool.end(),
    options: pool.options,
  };
}
