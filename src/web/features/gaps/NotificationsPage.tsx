import { Link } from 'react-router';
import { useFormat } from '../../i18n/format.ts';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { Pagination, ResultCount } from '../../ui/Pagination.tsx';
import { useListParams } from '../../ui/useListParams.ts';
import { useMarkRead, useNotifications } from './gaps.api.ts';
import { useGapsT } from './i18n.ts';
import './gaps.css';

/** The signed-in user's notifications: gap alerts and weekly summaries, newest first. */
export default function NotificationsPage() {
  const gt = useGapsT();
  const list = useListParams({ filters: { unread: '' }, pageSize: 25 });
  const notifications = useNotifications(list.query);
  const markRead = useMarkRead();
  const page = notifications.data;
  const format = useFormat();

  return (
    <>
      <PageHeader
        title={gt('notifications.title')}
        actions={
          page && page.unread > 0 ? (
            <button type="button" className="button button-secondary" onClick={() => markRead.mutate(null)} disabled={markRead.isPending}>
              {gt('notifications.markAllRead')}
            </button>
          ) : null
        }
      />
      <label className="checkbox">
        <input type="checkbox" checked={list.filters.unread === 'true'} onChange={(e) => list.setFilter('unread', e.target.checked ? 'true' : '')} />
        <span>{gt('notifications.unreadOnly')}</span>
      </label>
      {notifications.error ? (
        <ProblemNotice error={notifications.error} />
      ) : page && page.total === 0 ? (
        <EmptyState title={gt('notifications.empty')} />
      ) : (
        <>
          <ResultCount total={page?.total} />
          <ol className="history-list" aria-label={gt('notifications.caption')}>
            {(page?.items ?? []).map((n) => (
              <li key={n.id} className="history-entry">
                <p className={n.readAt ? undefined : 'notification-unread'}>
                  <span className="badge">{gt(`notifications.kinds.${n.kind}`)}</span> {n.title}
                </p>
                <p className="notification-body">{n.body}</p>
                <p className="history-meta">
                  {format.dateTime(n.createdAt)}
                  {n.emailedAt && ` · ${gt('notifications.emailed')}`}
                </p>
                <div className="gap-actions">
                  {n.link && (
                    <Link to={n.link} onClick={() => !n.readAt && markRead.mutate(n.id)}>
                      {gt('notifications.open')}
                    </Link>
                  )}
                  {!n.readAt && (
                    <button type="button" className="link-button" onClick={() => markRead.mutate(n.id)}>
                      {gt('notifications.markRead')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ol>
          <Pagination page={list.page} pageSize={list.pageSize} total={page?.total ?? 0} onPageChange={list.setPage} />
        </>
      )}
      {markRead.error && <ProblemNotice error={markRead.error} />}
    </>
  );
}
