/**
 * PostgreSQL (and PGlite) take at most 65,535 parameters in one statement: an `IN` list or a
 * `VALUES` table built from an import's rows is sent in parts of this many parameters at most.
 */
export const parametersPerStatement = 10_000;

/** Runs `query` on parts of `items` (each at most `parametersPerStatement / perItem` long) and joins the answers in order. */
export async function inChunks<T, R>(items: readonly T[], query: (chunk: T[]) => Promise<readonly R[]>, perItem = 1): Promise<R[]> {
  const size = Math.max(1, Math.floor(parametersPerStatement / perItem));
  const results: R[] = [];
  for (let i = 0; i < items.length; i += size) {
    // A loop, not push(...answer): spreading tens of thousands of rows overflows the call stack.
    for (const row of await query(items.slice(i, i + size))) results.push(row);
  }
  return results;
}
