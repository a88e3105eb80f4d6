import { HarmonisedPage } from './PackagePage.tsx';

export default function MethodPage() {
  return <HarmonisedPage kind="method" />;
}
