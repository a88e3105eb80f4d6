import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../shared/permissions.ts';
import type { Sector } from '../../../shared/sectors.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { ActionPointTable } from './ActionPointTable.tsx';
import { MeetingStatusBadge } from './badges.tsx';
import { useMeetingsT } from './i18n.ts';
import { useMeetingLabels } from './labels.ts';
import { useActionPoints, useMeetingList } from './meetings.api.ts';
import './meetings.css';

type Subject = { localityId: string; sector?: Sector } | { alertId: string };

/** On a gap, locality or alert page: the meetings that discussed it and the action points about it. */
export function RecordMeetings({ subject }: { subject: Subject }) {
  const { t } = useTranslation();
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const user = useCurrentUser();
  const enabled = can(user, 'meeting:read');
  const meetings = useMeetingList({ ...subject, pageSize: 10 }, enabled);
  const points = useActionPoints({ ...subject, pageSize: 50, sort: 'dueDate' }, enabled);
  const [message, setMessage] = useState<string | null>(null);
  if (!enabled) return null;
  return (
    <section className="panel" aria-labelledby="record-meetings">
      <h2 id="record-meetings">{mt('record.title')}</h2>
      {message && <Notice tone="success" title={message} />}
      <h3>{mt('record.actions')}</h3>
      {points.error ? (
        <ProblemNotice error={points.error} />
      ) : !points.data ? (
        <p>{t('common.loading')}</p>
      ) : points.data.total === 0 ? (
        <p className="muted">{mt('record.noAction')}</p>
      ) : (
        <ActionPointTable points={points.data.items} caption={mt('record.actions')} onSaved={setMessage} />
      )}
      <h3>{mt('record.meetings')}</h3>
      {meetings.error ? (
        <ProblemNotice error={meetings.error} />
      ) : !meetings.data ? (
        <p>{t('common.loading')}</p>
      ) : meetings.data.total === 0 ? (
        <p className="muted">{mt('record.noMeeting')}</p>
      ) : (
        <ul className="record-meetings">
          {meetings.data.items.map((m) => (
            <li key={m.id}>
              <Link to={`/meetings/${m.id}`}>{m.title}</Link> · {labels.day(m.date)} <MeetingStatusBadge status={m.status} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
