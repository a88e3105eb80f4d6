import { Link, useNavigate, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { FlashState } from '../../ui/Flash.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { usePackagesT } from './i18n.ts';
import { draftOf, methodBody, PackageForm, packageBody } from './PackageForm.tsx';
import { useMethod, usePackage, useUpdateMethod, useUpdatePackage } from './packages.api.ts';
import './packages.css';

export function EditHarmonisedPage({ kind }: { kind: 'package' | 'method' }) {
  const { t } = useTranslation();
  const pt = usePackagesT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const pkg = usePackage(kind === 'package' ? id : '');
  const method = useMethod(kind === 'method' ? id : '');
  const record = kind === 'package' ? pkg : method;
  const updatePackage = useUpdatePackage(id);
  const updateMethod = useUpdateMethod(id);
  const update = kind === 'package' ? updatePackage : updateMethod;
  const path = kind === 'package' ? 'packages' : 'methods';
  const done = () => void navigate(`/${path}/${id}`, { state: { flash: pt('saved') } satisfies FlashState });
  if (record.error) return <ProblemNotice error={record.error} />;
  if (!record.data) return <p className="page-loading">{t('common.loading')}</p>;
  const version = record.data.version;
  return (
    <>
      <PageHeader title={pt('editTitle', { name: record.data.name })} back={<Link to={`/${path}/${id}`}>{pt('back')}</Link>} />
      <PackageForm
        kind={kind}
        initial={draftOf(record.data)}
        busy={update.isPending}
        error={update.error}
        onCancel={() => void navigate(-1)}
        onSubmit={(draft) =>
          kind === 'package'
            ? updatePackage.mutate({ ...packageBody(draft), version }, { onSuccess: done })
            : updateMethod.mutate({ ...methodBody(draft), version }, { onSuccess: done })
        }
      />
    </>
  );
}

export default function PackageEditPage() {
  return <EditHarmonisedPage kind="package" />;
}
