import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { ActionStatusBadge } from './badges.tsx';
import { useMeetingsT } from './i18n.ts';
import { concernLink, useMeetingLabels } from './labels.ts';
import { useActionPoints } from './meetings.api.ts';
import './meetings.css';

/** The home page's reminder of the open action points given to the reader or their organisation, soonest due first. */
export function MyActionPoints() {
  const { t } = useTranslation();
  const mt = useMeetingsT();
  const labels = useMeetingLabels();
  const user = useCurrentUser();
  const enabled = can(user, 'meeting:read');
  const points = useActionPoints({ owner: 'me', status: 'open', sort: 'dueDate', pageSize: 8 }, enabled);
  if (!enabled || (points.data && points.data.total === 0 && !user.organisationId)) return null;
  return (
    <section className="panel my-actions" aria-labelledby="my-actions-heading">
      <div className="panel-heading">
        <h2 id="my-actions-heading">{mt('home.title')}</h2>
        {points.data && points.data.overdue > 0 && <span className="badge badge-overdue">{mt('actions.overdueCount', { count: points.data.overdue })}</span>}
      </div>
      {points.error ? (
        <ProblemNotice error={points.error} />
      ) : !points.data ? (
        <p>{t('common.loading')}</p>
      ) : points.data.total === 0 ? (
        <p className="muted">{mt('home.none')}</p>
      ) : (
        <ul className="action-cards">
          {points.data.items.map((p) => {
            const about = labels.concern(p.concern);
            const link = concernLink(p.concern);
            return (
              <li key={p.id} className={p.overdue ? 'action-card overdue-card' : 'action-card'}>
                <p className="action-card-title">
                  <Link to={`/meetings/${p.meeting.id}`}>
                    AP-{p.number} · {p.title}
                  </Link>
                </p>
                <p className="muted">
                  {labels.format.owner(p)} · {mt('actions.due')}{labels.language === 'fr' ? '\u202f:' : ':'} <span className={p.overdue ? 'overdue' : undefined}>{labels.day(p.dueDate)}</span>
                </p>
                {about && <p className="muted">{link ? <Link to={link}>{about}</Link> : about}</p>}
                <ActionStatusBadge point={p} />
              </li>
            );
          })}
        </ul>
      )}
      <p>
        <Link to="/meetings/action-points">{mt('home.all')}</Link>
      </p>
    </section>
  );
}
