import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { emptyOrganisation, OrganisationForm, useOrganisationForm } from './OrganisationForm.tsx';
import { useCreateOrganisation } from './organisations.api.ts';

export default function OrganisationNewPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const create = useCreateOrganisation();
  const form = useOrganisationForm(emptyOrganisation);

  return (
    <div className="narrow">
      <PageHeader title={t('organisations.newTitle')} back={<Link to="/admin/organisations">‹ {t('organisations.listTitle')}</Link>} />
      <section className="panel" aria-label={t('organisations.newTitle')}>
        <OrganisationForm
          form={form}
          submitLabel={t('common.create')}
          busy={create.isPending}
          problem={create.error && <ProblemNotice error={create.error} />}
          onSubmit={(input) =>
            create.mutate(input, {
              onSuccess: (created) =>
                void navigate(`/admin/organisations/${created.id}`, { state: { flash: t('organisations.created', { acronym: created.acronym }) } }),
              onError: form.showServerError,
            })
          }
        />
      </section>
    </div>
  );
}
