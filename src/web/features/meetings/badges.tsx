import type { ActionPoint, MeetingStatus } from '../../../shared/contracts/meetings.ts';
import { useMeetingsT } from './i18n.ts';
import { useMeetingLabels } from './labels.ts';

const statusClass: Record<MeetingStatus, string> = {
  planned: 'badge meeting-planned',
  held: 'badge badge-warning',
  minutes_published: 'badge badge-active',
  cancelled: 'badge badge-inactive',
};

/** A meeting's status, in words (never by colour alone). */
export function MeetingStatusBadge({ status }: { status: MeetingStatus }) {
  const labels = useMeetingLabels();
  return <span className={statusClass[status]}>{labels.status(status)}</span>;
}

/** An action point's status, with "overdue" said in words when it is. */
export function ActionStatusBadge({ point }: { point: Pick<ActionPoint, 'status' | 'overdue'> }) {
  const labels = useMeetingLabels();
  const mt = useMeetingsT();
  return (
    <span className="badges">
      <span className={point.status === 'open' ? 'badge meeting-planned' : point.status === 'done' ? 'badge badge-active' : 'badge badge-inactive'}>{labels.actionStatus(point.status)}</span>
      {point.overdue && <span className="badge badge-overdue">{mt('actions.overdue')}</span>}
    </span>
  );
}
