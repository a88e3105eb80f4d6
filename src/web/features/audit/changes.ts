import type { AuditEvent } from '../../../shared/contracts/audit.ts';

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** Bookkeeping every record carries; a reader of the history does not care that it moved. */
const technicalFields = new Set(['id', 'version', 'createdAt', 'updatedAt', 'lastLoginAt']);

/** Flags the server adds to an audit snapshot to say what happened rather than what changed. */
export const historyNotes = ['passwordReset', 'passwordChanged'] as const;
export type HistoryNote = (typeof historyNotes)[number];

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function isEmpty(value: unknown): boolean {
  return value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The readable difference between an audit event's before and after snapshots. An `xId`
 * field is left out when the snapshot also names it (`xAcronym`, `xName`): people read names.
 */
export function recordChanges(event: Pick<AuditEvent, 'action' | 'before' | 'after'>): { changes: FieldChange[]; notes: HistoryNote[] } {
  const before = asRecord(event.before);
  const after = asRecord(event.after);
  const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])];
  const named = (key: string) => {
    const stem = key.slice(0, -2);
    return key.endsWith('Id') && keys.some((other) => other === `${stem}Acronym` || other === `${stem}Name`);
  };
  const notes = historyNotes.filter((note) => after[note] === true);
  const changes = keys
    .filter((key) => !technicalFields.has(key) && !(historyNotes as readonly string[]).includes(key) && !named(key))
    .filter((key) => JSON.stringify(before[key] ?? null) !== JSON.stringify(after[key] ?? null))
    .filter((key) => event.action !== 'create' || !isEmpty(after[key]))
    .map((key) => ({ field: key, before: before[key], after: after[key] }));
  return { changes, notes };
}
