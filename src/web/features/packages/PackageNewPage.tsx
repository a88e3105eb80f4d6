import { Link, useNavigate } from 'react-router';
import type { FlashState } from '../../ui/Flash.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { usePackagesT } from './i18n.ts';
import { draftOf, methodBody, PackageForm, packageBody } from './PackageForm.tsx';
import { useCreateMethod, useCreatePackage } from './packages.api.ts';
import './packages.css';

export function NewHarmonisedPage({ kind }: { kind: 'package' | 'method' }) {
  const pt = usePackagesT();
  const navigate = useNavigate();
  const createPackage = useCreatePackage();
  const createMethod = useCreateMethod();
  const create = kind === 'package' ? createPackage : createMethod;
  const path = kind === 'package' ? 'packages' : 'methods';
  const done = (created: { id: string }) => void navigate(`/${path}/${created.id}`, { state: { flash: pt('created') } satisfies FlashState });
  return (
    <>
      <PageHeader
        title={kind === 'package' ? pt('newPackageTitle') : pt('newMethodTitle')}
        back={<Link to={kind === 'package' ? '/packages' : '/packages?view=methods'}>{pt('back')}</Link>}
      />
      <PackageForm
        kind={kind}
        initial={draftOf()}
        busy={create.isPending}
        error={create.error}
        onCancel={() => void navigate(-1)}
        onSubmit={(draft) =>
          kind === 'package' ? createPackage.mutate(packageBody(draft), { onSuccess: done }) : createMethod.mutate(methodBody(draft), { onSuccess: done })
        }
      />
    </>
  );
}

export default function PackageNewPage() {
  return <NewHarmonisedPage kind="package" />;
}
