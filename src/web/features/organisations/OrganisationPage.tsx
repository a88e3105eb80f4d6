import { useQueryClient } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import type { Organisation } from '../../../shared/contracts/organisations.ts';
import { isApiError } from '../../api/client.ts';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { Notice, ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { StatusBadge } from '../../ui/StatusBadge.tsx';
import { VersionConflictNotice } from '../../ui/VersionConflictNotice.tsx';
import { RecordHistory } from '../audit/RecordHistory.tsx';
import { type OrganisationDraft, OrganisationForm, useOrganisationForm } from './OrganisationForm.tsx';
import { organisationKeys, useOrganisation, useUpdateOrganisation } from './organisations.api.ts';

function draftOf(organisation: Organisation): OrganisationDraft {
  return { name: organisation.name, acronym: organisation.acronym, type: organisation.type, roles: organisation.roles };
}

export default function OrganisationPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const organisation = useOrganisation(id);
  const back = <Link to="/admin/organisations">‹ {t('organisations.listTitle')}</Link>;

  if (organisation.error) {
    return (
      <>
        <PageHeader title={t('organisations.listTitle')} back={back} />
        <ProblemNotice error={organisation.error} />
      </>
    );
  }
  if (!organisation.data) return <p role="status">{t('common.loading')}</p>;
  return <OrganisationEditor key={organisation.data.id} organisation={organisation.data} back={back} />;
}

function OrganisationEditor({ organisation, back }: { organisation: Organisation; back: ReactNode }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateOrganisation(organisation.id);
  const form = useOrganisationForm(draftOf(organisation));
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  // The version the form's values stand on. Only this page's own save or reload moves it: a background
  // refetch must not, or saving would silently overwrite someone else's change.
  const [version, setVersion] = useState(organisation.version);

  function save(patch: Partial<Organisation>, message: string) {
    setSaved(null);
    update.mutate(
      { ...patch, version },
      {
        onSuccess: (updated) => {
          setConfirming(false);
          setSaved(message);
          setVersion(updated.version);
          form.reset(draftOf(updated));
        },
        onError: (error) => {
          setConfirming(false);
          form.showServerError(error);
        },
      },
    );
  }

  function reloadCurrent() {
    const current = update.error?.current as Organisation | undefined;
    if (current) {
      queryClient.setQueryData(organisationKeys.detail(organisation.id), current);
      setVersion(current.version);
      form.reset(draftOf(current));
    } else {
      void queryClient.invalidateQueries({ queryKey: organisationKeys.detail(organisation.id) });
    }
    update.reset();
  }

  return (
    <>
      <PageHeader
        title={organisation.acronym}
        back={back}
        actions={
          <button type="button" className={organisation.active ? 'button button-secondary' : 'button'} onClick={() => setConfirming(true)}>
            {organisation.active ? t('organisations.deactivate') : t('organisations.reactivate')}
          </button>
        }
      >
        <p className="page-meta">
          <span>{organisation.name}</span>
          <StatusBadge active={organisation.active} label={organisation.active ? t('status.active') : t('status.inactive')} />
        </p>
      </PageHeader>
      {saved && <Notice tone="success" title={saved} />}
      {!organisation.active && <Notice tone="warning" title={t('organisations.inactiveNotice')} />}
      <section className="panel" aria-label={t('common.edit')}>
        <OrganisationForm
          form={form}
          submitLabel={t('common.save')}
          busy={update.isPending}
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
      <RecordHistory entity="organisation" id={organisation.id} />
      <ConfirmDialog
        open={confirming}
        title={organisation.active ? t('organisations.deactivate') : t('organisations.reactivate')}
        confirmLabel={organisation.active ? t('organisations.deactivate') : t('organisations.reactivate')}
        danger={organisation.active}
        busy={update.isPending}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          save({ active: !organisation.active }, organisation.active ? t('organisations.deactivated') : t('organisations.reactivated'))
        }
      >
        <p>
          {organisation.active
            ? t('organisations.deactivateConfirm', { acronym: organisation.acronym })
            : t('organisations.reactivateConfirm', { acronym: organisation.acronym })}
        </p>
      </ConfirmDialog>
    </>
  );
}
