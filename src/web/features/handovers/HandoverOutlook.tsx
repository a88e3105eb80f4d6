import { Link } from 'react-router';
import { can } from '../../../shared/permissions.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useHandoverOutlook } from './handovers.api.ts';
import { useHandoversT } from './i18n.ts';

/** The dashboard's figure: localities reaching month 12 in the next 60 days, how many with no handover started, and the overdue ones. */
export function HandoverOutlook() {
  const ht = useHandoversT();
  const user = useCurrentUser();
  const enabled = can(user, 'handover:read');
  const outlook = useHandoverOutlook();
  if (!enabled || !outlook.data) return null;
  const { leaving, notStarted, overdue, days } = outlook.data;
  return (
    <section className="panel handover-outlook" aria-labelledby="handover-outlook-heading">
      <div className="panel-heading">
        <h2 id="handover-outlook-heading">{ht('outlook.title')}</h2>
        {overdue > 0 && (
          <Link className="badge badge-overdue" to="/handovers?overdue=true">
            {ht('outlook.overdue', { count: overdue })}
          </Link>
        )}
      </div>
      <p>
        <Link to="/handovers?leavingWithinDays=60">
          <strong>{ht('outlook.leaving', { count: leaving, days })}</strong>
        </Link>
        {leaving > 0 && <>, {ht('outlook.notStarted', { count: notStarted })}</>}
      </p>
    </section>
  );
}
