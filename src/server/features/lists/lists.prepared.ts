import type { ImportRowOutcome } from '../../../shared/contracts/import.ts';
import type { ImportResult } from '../../lib/tabular/index.ts';
import { type PreparedImport, preparedImports } from '../../lib/tabular/prepared.ts';

/**
 * An upload its preview checked, encrypted and staged, waiting for the commit of the same file
 * (src/server/lib/tabular/prepared.ts): reading, normalising, hashing and encrypting a
 * 100,000-household file again cost the commit more than half its time. What is kept holds
 * nothing readable: the staging holds ciphertext and keyed hashes only, and the list's new data
 * key, which alone opens that ciphertext, lives in this process's memory and nowhere else (a
 * restart leaves the staged rows unreadable until the start-up clean-up deletes them).
 */
export interface PreparedUpload extends PreparedImport {
  dataKey: { key: Buffer; wrapped: Buffer };
  result: ImportResult<unknown>;
  outcomes: ImportRowOutcome[];
}

/** At most one prepared upload per user, for `keepForMs`; the data key is wiped when it is deleted. */
export function preparedUploads(keepForMs: number) {
  return preparedImports<PreparedUpload>(keepForMs, (prepared) => prepared.dataKey.key.fill(0));
}
export type PreparedUploads = ReturnType<typeof preparedUploads>;
