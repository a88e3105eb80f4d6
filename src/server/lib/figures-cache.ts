import type { App } from './http.ts';

/**
 * Computed figures kept until the data they come from changes. The gap engine over a whole
 * country takes seconds, and the trends ask for it at a dozen dates; a 5W pivot over hundreds of
 * thousands of records takes a second; people open these views far more often than anyone
 * changes a record, so each computation is done once per data version (a cheap stamp of the
 * tables it reads, see `dataVersion` in dashboard.repository.ts) and shared by every request.
 */
export function figuresCache(options: { dataVersion: () => Promise<string>; maxEntries?: number; recheckAfterMs?: number }) {
  const maxEntries = options.maxEntries ?? 256;
  const recheckAfterMs = options.recheckAfterMs ?? 2000;
  let version: string | null = null;
  let checkedAt = -Infinity;
  let dirty = true;
  const entries = new Map<string, Promise<unknown>>();
  /** Values computed for the current version, and for the one before (what `getLatest` may still serve). */
  let settled = new Map<string, unknown>();
  let previous = new Map<string, unknown>();

  function remember<T>(key: string, computed: Promise<T>, forVersion: string | null): Promise<T> {
    entries.set(key, computed);
    computed.then(
      (value) => {
        if (version === forVersion) settled.set(key, value);
      },
      () => entries.delete(key),
    );
    if (entries.size > maxEntries) {
      const oldest = entries.keys().next().value!;
      entries.delete(oldest);
      settled.delete(oldest);
    }
    return computed;
  }

  return {
    /**
     * Reads the data version (at most every `recheckAfterMs`, at once after `invalidate`); figures
     * of an older version are dropped. Reading it scans the record tables: a dashboard opened by
     * many people should not pay it on every request.
     */
    async refresh(): Promise<void> {
      const now = performance.now();
      if (!dirty && now - checkedAt < recheckAfterMs) return;
      dirty = false;
      checkedAt = now;
      const current = await options.dataVersion();
      if (current !== version) {
        version = current;
        entries.clear();
        previous = settled;
        settled = new Map();
      }
    },

    /** Something was written through this server: the next request reads the data version again. */
    invalidate(): void {
      dirty = true;
    },

    /** The figures under `key` for the current data, computed once; a failed computation is not kept. */
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const known = entries.get(key);
      if (known) {
        // Most recently used last, so the oldest unused entry goes first.
        entries.delete(key);
        entries.set(key, known);
        return known as Promise<T>;
      }
      return remember(key, compute(), version);
    },

    /**
     * Like `get`, but while the figures of the current data are being computed, answers at once
     * with those of the previous data version if there are some (stale for a few seconds after a
     * change, rather than making the reader wait for the whole history to be recomputed).
     */
    getLatest<T>(key: string, compute: () => Promise<T>): Promise<{ value: T; current: boolean }> {
      if (settled.has(key)) return Promise.resolve({ value: settled.get(key) as T, current: true });
      const pending = this.get(key, compute);
      if (previous.has(key)) {
        pending.catch(() => undefined);
        return Promise.resolve({ value: previous.get(key) as T, current: false });
      }
      return pending.then((value) => ({ value, current: true }));
    },
  };
}
export type FiguresCache = ReturnType<typeof figuresCache>;

/**
 * A change made through the app shows at once: every successful write marks the cache for a
 * version check. One made elsewhere (another process, SQL) shows within the recheck delay.
 */
export function invalidateOnWrites(app: App, cache: FiguresCache): void {
  app.addHook('onResponse', async (request, reply) => {
    if (request.method !== 'GET' && request.method !== 'HEAD' && reply.statusCode < 400) cache.invalidate();
  });
}
