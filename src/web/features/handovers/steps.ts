import type { HandoverSummary } from '../../../shared/contracts/alerts.ts';
import type { HandoverStatus } from '../../../shared/handovers.ts';

/** The dated steps a handover went through, in the order they happened. */
export function handoverSteps(h: HandoverSummary): { status: HandoverStatus; on: string }[] {
  const steps: { status: HandoverStatus; on: string | null }[] = [
    { status: 'dialogue_opened', on: h.dialogueOpenedOn },
    { status: 'plan_agreed', on: h.planAgreedOn },
    { status: 'handed_over', on: h.handedOverOn },
    { status: 'not_taken_up', on: h.notTakenUpOn },
  ];
  return steps.flatMap((s) => (s.on === null ? [] : [{ status: s.status, on: s.on }])).sort((a, b) => a.on.localeCompare(b.on));
}
