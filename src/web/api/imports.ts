import { useEffect, useState } from 'react';
import type { ImportReport } from '../../shared/contracts/import.ts';
import type { ImportProgressState } from '../../shared/contracts/responses.ts';
import { api, type Query } from './client.ts';

/** One spreadsheet sent to an import endpoint: checked only (`dryRun`) or written. */
export interface ImportUpload {
  file: File;
  dryRun: boolean;
  /** Set only for endpoints that publish their progress under a key the client chose. */
  progressKey?: string;
}

/** Posts the file as multipart; every import endpoint answers the shared report (or a feature's extension of it). */
export function sendImportFile<Report extends ImportReport>(path: string, { file, dryRun, progressKey }: ImportUpload, query: Query = {}): Promise<Report> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api.post<Report>(path, form, { query: { ...query, dryRun, progressKey } });
}

export function newProgressKey(): string {
  return `import-${crypto.randomUUID()}`;
}

const pollMs = 1000;

/** While an import runs, what the server has read and written so far (polled once a second). */
export function useImportProgress(key: string | null) {
  const [progress, setProgress] = useState<ImportProgressState | null>(null);
  useEffect(() => {
    setProgress(null);
    if (!key) return;
    let stopped = false;
    const timer = setInterval(() => {
      api
        .get<ImportProgressState>(`/api/v1/import-progress/${key}`)
        .then((state) => {
          if (!stopped) setProgress(state);
        })
        // Not started yet, or another server answered: the next poll tries again.
        .catch(() => undefined);
    }, pollMs);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [key]);
  return progress;
}
