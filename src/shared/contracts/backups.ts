import { z } from 'zod';
import { timestamp } from './common.ts';
import { endpoint } from './endpoint.ts';

export const backupFile = z.object({ name: z.string(), bytes: z.number().int(), takenAt: timestamp });
export type BackupFile = z.infer<typeof backupFile>;

/** The embedded store's backups as the administrator sees them; PostgreSQL is backed up with its own tools. */
export const backupStatus = z.object({
  database: z.enum(['pglite', 'postgresql']),
  /** Hours between two automatic backups; 0 when they are taken only on request. */
  everyHours: z.number().int(),
  keep: z.number().int(),
  running: z.boolean(),
  last: backupFile.nullable(),
  items: z.array(backupFile),
});
export type BackupStatus = z.infer<typeof backupStatus>;

export const backupsApi = {
  status: endpoint({
    operationId: 'getBackups',
    method: 'GET',
    path: '/api/v1/admin/backups',
    access: 'settings:manage',
    response: backupStatus,
    summary: 'Backups of the embedded database',
  }),
  take: endpoint({
    operationId: 'takeBackup',
    method: 'POST',
    path: '/api/v1/admin/backups',
    access: 'settings:manage',
    response: backupFile,
    status: 201,
    summary: 'Take a backup of the embedded database now',
  }),
};
