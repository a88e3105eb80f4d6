/**
 * The states of a handover to development actors, in a module of their own: the continuum and
 * gap contracts show a shock's handover without importing the handover contracts (which import theirs).
 */
export const handoverStatuses = ['not_started', 'dialogue_opened', 'plan_agreed', 'handed_over', 'not_taken_up'] as const;
export type HandoverStatus = (typeof handoverStatuses)[number];

/** Statuses in which the handover still has no plan: overdue once the shock reaches resilience. */
export const handoverStatusesWithoutPlan: readonly HandoverStatus[] = ['not_started', 'dialogue_opened'];

/** Reached resilience (`resilienceFrom`, the day after post-RRM ends) by `at` without an agreed plan. */
export function handoverOverdue(status: HandoverStatus, at: string, resilienceFrom: string): boolean {
  return at >= resilienceFrom && handoverStatusesWithoutPlan.includes(status);
}
