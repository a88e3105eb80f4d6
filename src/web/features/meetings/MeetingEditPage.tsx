import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { todayIso } from '../../../shared/phases.ts';
import type { FlashState } from '../../ui/Flash.tsx';
import { ProblemNotice } from '../../ui/Notice.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useMeetingsT } from './i18n.ts';
import { MeetingForm, meetingValues } from './MeetingForm.tsx';
import { useMeeting, useUpdateMeeting } from './meetings.api.ts';
import './meetings.css';

/** A meeting's details and invitees; from its day on, who was present. */
export default function MeetingEditPage() {
  const { t } = useTranslation();
  const mt = useMeetingsT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const meeting = useMeeting(id);
  const update = useUpdateMeeting(id);
  const back = <Link to={`/meetings/${id}`}>‹ {meeting.data?.title ?? mt('title')}</Link>;
  if (meeting.error) {
    return (
      <>
        <PageHeader title={mt('editTitle')} back={back} />
        <ProblemNotice error={meeting.error} />
      </>
    );
  }
  const data = meeting.data;
  if (!data) return <p className="page-loading">{t('common.loading')}</p>;
  return (
    <>
      <PageHeader title={mt('editTitle')} back={back} />
      <MeetingForm
        key={data.version}
        initial={meetingValues(data)}
        attendance={data.status === 'held' || data.date <= todayIso()}
        submitLabel={mt('form.submitEdit')}
        busy={update.isPending}
        error={update.error}
        onReload={() => {
          update.reset();
          void meeting.refetch();
        }}
        onCancel={() => void navigate(`/meetings/${id}`)}
        onSubmit={(values) =>
          update.mutate({ ...values, version: data.version }, { onSuccess: () => void navigate(`/meetings/${id}`, { state: { flash: mt('saved') } satisfies FlashState }) })
        }
      />
    </>
  );
}
