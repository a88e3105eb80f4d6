import { Link, useNavigate } from 'react-router';
import { RequirePermission } from '../../auth/RequirePermission.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useGapsT } from '../gaps/i18n.ts';
import { AssessmentForm } from './AssessmentForm.tsx';
import { useSaveAssessment } from './assessments.api.ts';
import '../gaps/gaps.css';

export default function AssessmentNewPage() {
  return (
    <RequirePermission anyOf={['assessment:write']}>
      <NewAssessment />
    </RequirePermission>
  );
}

function NewAssessment() {
  const gt = useGapsT();
  const navigate = useNavigate();
  const save = useSaveAssessment();
  return (
    <>
      <PageHeader title={gt('assessments.new')} back={<Link to="/assessments">‹ {gt('assessments.title')}</Link>} />
      <AssessmentForm
        initial={null}
        busy={save.isPending}
        error={save.error}
        onSubmit={(values) =>
          save.mutate(
            { id: null, input: values },
            { onSuccess: (created) => void navigate(`/assessments/${created.id}`, { state: { flash: gt('assessments.form.created') } }) },
          )
        }
      />
    </>
  );
}
