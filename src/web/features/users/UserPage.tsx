import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { User } from '../../../shared/contracts/users.ts';
import { isApiError } from '../../api/client.ts';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import { useFormat } from '../../i18n/format.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { useTokensT } from '../tokens/i18n.ts';
import { RecordHistory } from '../audit/RecordHistory.tsx';
import { TemporaryPassword } from './TemporaryPassword.tsx';
import { type UserDraft, UserForm, useUserForm } from './UserForm.tsx';
import { userKeys, useResetPassword, useUpdateUser, useUser } from './users.api.ts';

function draftOf(user: User): UserDraft {
  return { email: user.email, name: user.name, role: user.role, organisationId: user.organisationId, regions: user.regions, language: user.language };
}

export default function UserPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const user = useUser(id);
  const back = <Link to="/admin/users">‹ {t('users.listTitle')}</Link>;
  if (user.error) {
    return (
      <>
        <PageHeader title={t('users.listTitle')} back={back} />
        <ProblemNotice error={user.error} />
      </>
    );
  }
  if (!user.data) return <p role="status">{t('common.loading')}</p>;
  return <UserEditor key={user.data.id} user={user.data} back={back} />;
}

type Confirming = 'reset' | 'active' | null;

function UserEditor({ user, back }: { user: User; back: ReactNode }) {
  const { t } = useTranslation();
  const tokensT = useTokensT();
  const format = useFormat();
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const update = useUpdateUser(user.id);
  const reset = useResetPassword(user.id);
  const form = useUserForm(draftOf(user));
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // The version the form's values stand on. Only this page's own save or reload moves it: a background
  // refetch must not, or saving would silently overwrite someone else's change.
  const [version, setVersion] = useState(user.version);
  const [temporaryPassword, setTemporaryPassword] = useState<string | null>(null);
  const isSelf = me.id === user.id;

  function save(patch: Partial<UserDraft> & { active?: boolean }, message: string) {
    setSaved(null);
    update.mutate(
      { ...(patch as Partial<User>), version },
      {
        onSuccess: (updated) => {
          setSaved(message);
          setVersion(updated.version);
          form.reset(draftOf(updated));
        },
        onError: form.showServerError,
        onSettled: () => setConfirming(null),
      },
    );
  }

  function resetPassword() {
    setSaved(null);
    reset.mutate(undefined, {
      onSuccess: (result) => {
        setTemporaryPassword(result.temporaryPassword);
        // A reset moves the record's version without touching the fields on this form.
        setVersion(result.user.version);
      },
      onSettled: () => setConfirming(null),
    });
  }

  function reloadCurrent() {
    const current = update.error?.current as User | undefined;
    if (current) {
      queryClient.setQueryData(userKeys.detail(user.id), current);
      setVersion(current.version);
      form.reset(draftOf(current));
    } else {
      void queryClient.invalidateQueries({ queryKey: userKeys.detail(user.id) });
    }
    update.reset();
  }

  return (
    <>
      <PageHeader
        title={user.name}
        back={back}
        actions={
          <>
            <button type="button" className="button button-secondary" onClick={() => setConfirming('reset')} disabled={!user.active}>
              {t('users.resetPassword')}
            </button>
            {!isSelf && (
              <button type="button" className={user.active ? 'button button-secondary' : 'button'} onClick={() => setConfirming('active')}>
                {user.active ? t('users.deactivate') : t('users.reactivate')}
              </button>
            )}
          </>
        }
      >
        <p className="page-meta">
          <StatusBadge active={user.active} label={user.active ? t('status.activeUser') : t('status.inactiveUser')} />
          {user.active && user.mustChangePassword && <span className="badge badge-warning">{t('users.mustChangePassword')}</span>}
          <span>{t('users.lastLoginAt', { when: user.lastLoginAt ? format.dateTime(user.lastLoginAt) : t('users.never') })}</span>
          <Link to={`/admin/tokens?userId=${user.id}`}>{tokensT('accountTokens')}</Link>
        </p>
      </PageHeader>
      {saved && <Notice tone="success" title={saved} />}
      {reset.error && <ProblemNotice error={reset.error} />}
      {temporaryPassword && <TemporaryPassword password={temporaryPassword} name={user.name} />}
      {!user.active && <Notice tone="warning" title={t('users.inactiveNotice')} />}
      <section className="panel" aria-label={t('common.edit')}>
        <UserForm
          form={form}
          submitLabel={t('common.save')}
          busy={update.isPending}
          currentOrganisation={user.organisationId ? { id: user.organisationId, acronym: user.organisationAcronym } : null}
          problem={
            update.error &&
            (isApiError(update.error, 'version_conflict') ? (
              <VersionConflictNotice error={update.error} onReload={reloadCurrent} />
            ) : (
              <ProblemNotice error={update.error} />
            ))
          }
          onSubmit={(input) => save(input, t('common.saved'))}
        />
      </section>
      <RecordHistory entity="user" id={user.id} />
      <ConfirmDialog
        open={confirming === 'reset'}
        title={t('users.resetPassword')}
        confirmLabel={t('users.resetPassword')}
        busy={reset.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={resetPassword}
      >
        <p>{t('users.resetConfirm', { name: user.name })}</p>
      </ConfirmDialog>
      <ConfirmDialog
        open={confirming === 'active'}
        title={user.active ? t('users.deactivate') : t('users.reactivate')}
        confirmLabel={user.active ? t('users.deactivate') : t('users.reactivate')}
        danger={user.active}
        busy={update.isPending}
        onCancel={() => setConfirming(null)}
        onConfirm={() => save({ active: !user.active }, user.active ? t('users.deactivated') : t('users.reactivated'))}
      >
        <p>{user.active ? t('users.deactivateConfirm', { name: user.name }) : t('users.reactivateConfirm', { name: user.name })}</p>
      </ConfirmDialog>
    </>
  );
}
