import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Notice } from '../ui/Notice.tsx';
import { PageHeader } from '../ui/PageHeader.tsx';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';

export default function AccountPasswordPage() {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  return (
    <div className="narrow">
      <PageHeader title={t('auth.passwordTitle')} />
      {done ? <Notice tone="success" title={t('auth.changed')} /> : <ChangePasswordForm onDone={() => setDone(true)} />}
    </div>
  );
}
