import { EditHarmonisedPage } from './PackageEditPage.tsx';

export default function MethodEditPage() {
  return <EditHarmonisedPage kind="method" />;
}
