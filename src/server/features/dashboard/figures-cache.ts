/**
 * Computed figures kept until the data they come from changes. The gap engine over a whole
 * country takes about a second, and the dashboard asks for it at a dozen dates; people open the
 * dashboard far more often than anyone changes a record, so each computation is done once per
 * data version (see `dataVersion` in dashboard.repository.ts) and shared by every request.
 */
export function figuresCache(options: { dataVersion: () => Promise<string>; maxEntries?: number }) {
  const maxEntries = options.maxEntries ?? 256;
  let version: string | null = null;
  const entries = new Map<string, Promise<unknown>>();

  return {
    /** Reads the data version once per request; figures of an older version are dropped. */
    async refresh(): Promise<void> {
      const current = await options.dataVersion();
      if (current !== version) {
        version = current;
        entries.clear();
      }
    },

    /** The figures under `key`, computed once; a failed computation is not kept. */
    get<T>(key: string, compute: () => Promise<T>): Promise<T> {
      const known = entries.get(key);
      if (known) {
        // Most recently used last, so the oldest unused entry goes first.
        entries.delete(key);
        entries.set(key, known);
        return known as Promise<T>;
      }
      const computed = compute();
      entries.set(key, computed);
      computed.catch(() => entries.delete(key));
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
      return computed;
    },
  };
}
export type FiguresCache = ReturnType<typeof figuresCache>;
