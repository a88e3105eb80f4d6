import { Link, useNavigate } from 'react-router';
import { useCurrentUser } from '../../auth/RequireSession.tsx';
import type { FlashState } from '../../ui/Flash.tsx';
import { PageHeader } from '../../ui/PageHeader.tsx';
import { useMeetingsT } from './i18n.ts';
import { MeetingForm, newMeetingValues } from './MeetingForm.tsx';
import { useCreateMeeting } from './meetings.api.ts';
import './meetings.css';

/** Plans a meeting; the server fills its agenda from the data at its date, then its page opens. */
export default function MeetingNewPage() {
  const mt = useMeetingsT();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const create = useCreateMeeting();
  return (
    <>
      <PageHeader title={mt('newTitle')} back={<Link to="/meetings">{mt('back')}</Link>} />
      <MeetingForm
        initial={newMeetingValues(user)}
        attendance={false}
        submitLabel={mt('form.submitNew')}
        busy={create.isPending}
        error={create.error}
        onCancel={() => void navigate('/meetings')}
        onSubmit={(values) => create.mutate(values, { onSuccess: (meeting) => void navigate(`/meetings/${meeting.id}`, { state: { flash: mt('created') } satisfies FlashState }) })}
      />
    </>
  );
}
