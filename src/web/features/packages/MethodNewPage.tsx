import { NewHarmonisedPage } from './PackageNewPage.tsx';

export default function MethodNewPage() {
  return <NewHarmonisedPage kind="method" />;
}
