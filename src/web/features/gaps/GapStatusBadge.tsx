import type { GapStatus } from '../../../shared/gaps.ts';
import { useGapLabels } from './labels.ts';

/** A gap's status in words, the colour only repeating them. */
export function GapStatusBadge({ status }: { status: GapStatus }) {
  const labels = useGapLabels();
  return <span className={`gap-status gap-${status}`}>{labels.status(status)}</span>;
}
