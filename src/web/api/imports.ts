import { useEffect, useState } from 'react';
import { type ImportProgressState, importProgressApi } from '../../shared/contracts/responses.ts';
import { call } from './client.ts';

/** One spreadsheet sent to an import endpoint: checked only (`dryRun`) or written. */
export interface ImportUpload {
  file: File;
  dryRun: boolean;
  /** Set only for endpoints that publish their progress under a key the client chose. */
  progressKey?: string;
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
      call(importProgressApi.get, { params: { key } })
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
