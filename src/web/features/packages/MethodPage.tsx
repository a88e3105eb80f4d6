import { useParams } from 'react-router';
import { MethodAttachments } from './MethodAttachments.tsx';
import { HarmonisedPage } from './PackagePage.tsx';

export default function MethodPage() {
  const { id = '' } = useParams();
  return (
    <HarmonisedPage kind="method">
      <MethodAttachments methodId={id} />
    </HarmonisedPage>
  );
}
