import type { ErrorCode } from '../shared/errors.ts';

/** An error the client should see, with its stable code. Anything else becomes `internal`. */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly status: number,
    readonly extra: { detail?: string; errors?: { path: string; message: string }[]; current?: unknown; report?: unknown } = {},
  ) {
    super(code);
  }
}

export const notFound = () => new AppError('not_found', 404);
export const forbidden = () => new AppError('forbidden', 403);
export const versionConflict = (current: unknown) => new AppError('version_conflict', 409, { current });
