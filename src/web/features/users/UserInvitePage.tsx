import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { TemporaryPassword } from './TemporaryPassword.tsx';
import { emptyUser, UserForm, useUserForm } from './UserForm.tsx';
import { type UserWithTemporaryPassword, useInviteUser } from './users.api.ts';

export default function UserInvitePage() {
  const { t } = useTranslation();
  const invite = useInviteUser();
  const form = useUserForm(emptyUser);
  // Held here only: leaving the page forgets the password for good.
  const [created, setCreated] = useState<UserWithTemporaryPassword | null>(null);

  function startOver() {
    setCreated(null);
    invite.reset();
    form.reset(emptyUser);
  }

  return (
    <div className="narrow">
      <PageHeader title={t('users.inviteTitle')} back={<Link to="/admin/users">‹ {t('users.listTitle')}</Link>}>
        {!created && <p className="lead">{t('users.inviteIntro')}</p>}
      </PageHeader>
      {created ? (
        <>
          <Notice tone="success" title={t('users.invited', { name: created.user.name })} />
          <TemporaryPassword password={created.temporaryPassword} name={created.user.name} />
          <p className="form-actions">
            <Link className="button" to={`/admin/users/${created.user.id}`}>
              {t('users.goToUser')}
            </Link>
            <button type="button" className="button button-secondary" onClick={startOver}>
              {t('users.inviteAnother')}
            </button>
          </p>
        </>
      ) : (
        <section className="panel" aria-label={t('users.inviteTitle')}>
          <UserForm
            form={form}
            submitLabel={t('users.inviteSubmit')}
            busy={invite.isPending}
            problem={invite.error && <ProblemNotice error={invite.error} />}
            onSubmit={(input) => invite.mutate(input, { onSuccess: setCreated, onError: form.showServerError })}
          />
        </section>
      )}
    </div>
  );
}
