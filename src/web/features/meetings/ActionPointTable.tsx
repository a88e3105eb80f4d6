import { useState } from 'react';
import { Link } from 'react-router';
import type { ActionPoint, Meeting } from '../../../shared/contracts/meetings.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { type Column, DataTable } from '../../ui/DataTable.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import type { Sort } from '../../ui/useListParams.ts';
import { ActionPointDialog } from './ActionPointDialog.tsx';
import { ActionStatusBadge } from './badges.tsx';
import { useMeetingsT } from './i18n.ts';
import { concernLink, useMeetingLabels } from './labels.ts';
import { useDeleteActionPoint } from './meetings.api.ts';

interface ActionPointTableProps {
  points: readonly ActionPoint[];
  /** On a meeting's page: managers edit and delete there; elsewhere the meeting is a column. */
  meeting?: Meeting;
  caption: string;
  onSaved: (message: string) => void;
  sort?: Sort | null;
  onSort?: (key: string) => void;
  busy?: boolean;
}

/** Action points with what each reader may do: report progress (owners), edit or delete (the meeting's managers). */
export function ActionPointTable({ points, meeting, caption, onSaved, sort, onSort, busy }: ActionPointTableProps) {
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const [editing, setEditing] = useState<{ point: ActionPoint; full: boolean } | null>(null);
  const [deleting, setDeleting] = useState<ActionPoint | null>(null);
  const remove = useDeleteActionPoint();
  const minutesOpen = meeting?.permissions.writeMinutes ?? false;

  const columns: Column<ActionPoint>[] = [
    {
      key: 'ref',
      header: mt('actions.columns.ref'),
      cell: (p) => (
        <span className="cell-stack" id={`ap-${p.id}`}>
          <strong className="nowrap">AP-{p.number}</strong>
          {p.decision && <span className="muted nowrap">{mt('actions.fromDecision', { number: p.decision.number })}</span>}
        </span>
      ),
    },
    ...(meeting
      ? []
      : [
          {
            key: 'meeting',
            header: mt('actions.columns.meeting'),
            sortKey: 'meeting',
            cell: (p: ActionPoint) => (
              <span className="cell-stack">
                <Link to={`/meetings/${p.meeting.id}`}>{p.meeting.title}</Link>
                <span className="muted nowrap">{labels.day(p.meeting.date)}</span>
              </span>
            ),
          },
        ]),
    {
      key: 'action',
      header: mt('actions.columns.action'),
      cell: (p) => {
        const about = labels.concern(p.concern);
        const link = concernLink(p.concern);
        return (
          <span className="cell-stack">
            <span>{p.title}</span>
            {about && <span className="muted">{link ? <Link to={link}>{about}</Link> : about}</span>}
          </span>
        );
      },
    },
    { key: 'owner', header: mt('actions.columns.owner'), sortKey: 'owner', cell: (p) => labels.format.owner(p) },
    { key: 'due', header: mt('actions.columns.due'), sortKey: 'dueDate', cell: (p) => <span className={p.overdue ? 'nowrap overdue' : 'nowrap'}>{labels.day(p.dueDate)}</span> },
    {
      key: 'status',
      header: mt('actions.columns.status'),
      sortKey: 'status',
      cell: (p) => (
        <span className="cell-stack">
          <ActionStatusBadge point={p} />
          {p.statusNote && <span className="muted">{p.statusNote}</span>}
        </span>
      ),
    },
    {
      key: 'do',
      header: '',
      cell: (p) => (
        <span className="row-actions">
          {p.canUpdateStatus && (
            <button type="button" className="button button-secondary button-small" onClick={() => setEditing({ point: p, full: Boolean(meeting && p.canEdit) })}>
              {mt('actions.update')}
              <span className="visually-hidden"> AP-{p.number}</span>
            </button>
          )}
          {meeting && p.canEdit && minutesOpen && (
            <button type="button" className="button button-secondary button-small" onClick={() => setDeleting(p)}>
              {mt('actions.delete')}
              <span className="visually-hidden"> AP-{p.number}</span>
            </button>
          )}
        </span>
      ),
    },
  ];

  return (
    <>
      <DataTable caption={caption} columns={columns} rows={points} rowKey={(p) => p.id} sort={sort} onSort={onSort} busy={busy} />
      {editing && (
        <ActionPointDialog
          mode={editing.full && meeting ? { kind: 'edit', meeting, point: editing.point } : { kind: 'progress', point: editing.point }}
          onClose={() => setEditing(null)}
          onSaved={(message) => {
            setEditing(null);
            onSaved(message);
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        title={mt('actions.deleteTitle', { number: deleting?.number ?? '' })}
        confirmLabel={mt('actions.delete')}
        danger
        busy={remove.isPending}
        onCancel={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(
            { id: deleting.id, version: deleting.version },
            {
              onSuccess: () => {
                setDeleting(null);
                onSaved(mt('actions.deleted'));
              },
            },
          )
        }
      >
        <p>{mt('actions.deleteText')}</p>
        {remove.error && <ProblemNotice error={remove.error} />}
      </ConfirmDialog>
    </>
  );
}
