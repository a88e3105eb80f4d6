import type { ImportProgressState } from '../../../shared/contracts/responses.ts';

const keepMs = 10 * 60_000;

/**
 * Progress of the imports running in this process, for a progress bar: the browser picks a key,
 * sends it with the upload and polls it while the upload request runs. Kept in memory (one
 * server process) and forgotten ten minutes after the last update; a key is private to its user.
 */
export class ImportProgressBoard {
  private readonly entries = new Map<string, { state: ImportProgressState; at: number }>();

  update(userId: string, key: string | undefined, patch: Partial<ImportProgressState>): void {
    if (!key) return;
    const now = Date.now();
    for (const [k, entry] of this.entries) if (now - entry.at > keepMs) this.entries.delete(k);
    const id = `${userId}:${key}`;
    const state = this.entries.get(id)?.state ?? { stage: 'reading', rowsRead: 0, rowsWritten: 0, fraction: null };
    this.entries.set(id, { state: { ...state, ...patch }, at: now });
  }

  get(userId: string, key: string): ImportProgressState | undefined {
    return this.entries.get(`${userId}:${key}`)?.state;
  }
}
